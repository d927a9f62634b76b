//! Helm's `statusPrinter` (helm/helm `pkg/cmd/status.go`) and the `-o, --output` flag's
//! formats (`pkg/cli/output/output.go`): what `install`, `upgrade` and `status` print about one release.
//!
//! The table is Helm's text line for line; `-o json` is the release as Go's `json.Encoder`
//! writes it (one line), `-o yaml` the same through sigs.k8s.io/yaml.

use std::io::Write;

use anyhow::{Context as _, bail};
use rudder_release::{HookEvent, Release, Time};

/// `-o, --output`: Helm's `output.Format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    /// `table`, the default: human-readable text.
    #[default]
    Table,
    /// `json`.
    Json,
    /// `yaml`.
    Yaml,
}

impl OutputFormat {
    /// Helm's `ParseFormat`, with cobra's words for a bad value of `-o`.
    pub fn parse(value: &str) -> anyhow::Result<Self> {
        match value {
            "table" => Ok(OutputFormat::Table),
            "json" => Ok(OutputFormat::Json),
            "yaml" => Ok(OutputFormat::Yaml),
            other => bail!(
                "invalid argument {} for \"-o, --output\" flag: invalid format type",
                rudder_value::strconv::quote(other)
            ),
        }
    }
}

/// What Helm's `statusPrinter` holds.
#[derive(Clone, Copy, Debug)]
pub struct StatusPrinter<'a> {
    /// The release to show.
    pub release: &'a Release,
    /// `--debug`: also the user-supplied and computed values, the hooks and the manifest.
    pub debug: bool,
    /// Also CHART, VERSION and APP_VERSION.
    pub show_metadata: bool,
    /// `--hide-notes`.
    pub hide_notes: bool,
    /// Colour off (Rudder never colours yet; Helm colours only on a terminal).
    pub no_color: bool,
}

impl StatusPrinter<'_> {
    /// Writes the release in `format` (Helm's `Format.Write`).
    pub fn write(&self, format: OutputFormat, out: &mut dyn Write) -> anyhow::Result<()> {
        match format {
            OutputFormat::Table => self.write_table(out),
            OutputFormat::Json => write_json(self.release, out),
            OutputFormat::Yaml => write_yaml(self.release, out),
        }
    }

    /// Helm's `WriteTable`.
    pub fn write_table(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        let rel = self.release;
        writeln!(out, "NAME: {}", rel.name)?;
        if let Some(t) = rel.info.last_deployed.filter(|t| !t.is_zero()) {
            writeln!(out, "LAST DEPLOYED: {}", ansic(t))?;
        }
        writeln!(out, "NAMESPACE: {}", rel.namespace)?;
        writeln!(
            out,
            "STATUS: {}",
            rel.info
                .status
                .map(rudder_release::Status::as_str)
                .unwrap_or_default()
        )?;
        writeln!(out, "REVISION: {}", rel.version)?;
        if self.show_metadata {
            let meta = rel.chart.as_ref().map(|c| &c.metadata);
            writeln!(
                out,
                "CHART: {}",
                meta.map(|m| m.name.as_str()).unwrap_or_default()
            )?;
            writeln!(
                out,
                "VERSION: {}",
                meta.map(|m| m.version.as_str()).unwrap_or_default()
            )?;
            writeln!(
                out,
                "APP_VERSION: {}",
                meta.map(|m| m.app_version.as_str()).unwrap_or_default()
            )?;
        }
        writeln!(out, "DESCRIPTION: {}", rel.info.description)?;

        let tests: Vec<_> = rel
            .hooks
            .iter()
            .filter(|h| h.events.contains(&HookEvent::Test))
            .collect();
        if tests.is_empty() {
            writeln!(out, "TEST SUITE: None")?;
        } else {
            for h in tests {
                let Some(started) = h.last_run.started_at.filter(|t| !t.is_zero()) else {
                    continue;
                };
                writeln!(out, "TEST SUITE:     {}", h.name)?;
                writeln!(out, "Last Started:   {}", ansic(started))?;
                writeln!(
                    out,
                    "Last Completed: {}",
                    ansic(h.last_run.completed_at.unwrap_or(Time::ZERO))
                )?;
                writeln!(
                    out,
                    "Phase:          {}",
                    h.last_run
                        .phase
                        .map(rudder_release::HookPhase::as_str)
                        .unwrap_or_default()
                )?;
            }
        }

        if self.debug {
            writeln!(out, "USER-SUPPLIED VALUES:")?;
            out.write_all(yaml_of_map(&rel.config)?.as_bytes())?;
            writeln!(out)?;
            let computed = match &rel.chart {
                Some(chart) => {
                    rudder_chart::coalesce_values(chart, &rel.config)
                        .map_err(|e| anyhow::anyhow!(rudder_chart::helm_message(&e)))?
                        .0
                }
                None => rel.config.clone(),
            };
            writeln!(out, "COMPUTED VALUES:")?;
            out.write_all(yaml_of_map(&computed)?.as_bytes())?;
            writeln!(out)?;
        }

        if rel
            .info
            .description
            .eq_ignore_ascii_case("Dry run complete")
            || self.debug
        {
            writeln!(out, "HOOKS:")?;
            for h in &rel.hooks {
                write!(out, "---\n# Source: {}\n{}\n", h.path, h.manifest)?;
            }
            write!(out, "MANIFEST:\n{}\n", rel.manifest)?;
        }

        if !self.hide_notes && !rel.info.notes.is_empty() {
            write!(out, "NOTES:\n{}\n", rel.info.notes.trim())?;
        }
        Ok(())
    }
}

/// `-o json`: Go's `json.NewEncoder(out).Encode(release)`, one line and a line break.
pub fn write_json(release: &Release, out: &mut dyn Write) -> anyhow::Result<()> {
    let json = release
        .to_json()
        .map_err(anyhow::Error::msg)
        .context("unable to write JSON output")?;
    out.write_all(json.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

/// `-o yaml`: sigs.k8s.io/yaml's `Marshal` of the release (its JSON, written as YAML).
pub fn write_yaml(release: &Release, out: &mut dyn Write) -> anyhow::Result<()> {
    let yaml = release_yaml(release).context("unable to write YAML output")?;
    out.write_all(yaml.as_bytes())?;
    Ok(())
}

/// The release as sigs.k8s.io/yaml writes it.
pub fn release_yaml(release: &Release) -> anyhow::Result<String> {
    let json = release.to_json().map_err(anyhow::Error::msg)?;
    let value = rudder_yaml::from_json(&json, rudder_yaml::JsonTarget::Any)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    rudder_yaml::to_yaml(&value).map_err(|e| anyhow::anyhow!("{e}"))
}

/// A map as `output.EncodeYAML` writes it (`{}` for an empty one).
fn yaml_of_map(map: &rudder_value::Map) -> anyhow::Result<String> {
    rudder_yaml::to_yaml(&rudder_value::Value::Map(map.clone())).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Go's `time.ANSIC` layout, `Mon Jan _2 15:04:05 2006`, in the time's own offset.
pub fn ansic(t: Time) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let local = t.unix() + i64::from(t.offset());
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = rudder_value::civil::civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
    let month_name = (month as usize)
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("???");
    format!(
        "{} {month_name} {day:>2} {:02}:{:02}:{:02} {year:04}",
        DAYS[weekday],
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use rudder_release::{Release, Status, Time};

    use super::{OutputFormat, StatusPrinter, ansic};

    #[test]
    fn ansic_pads_the_day_with_a_space() {
        let t = Time::parse_rfc3339("2006-01-02T15:04:05Z").unwrap();
        assert_eq!(ansic(t), "Mon Jan  2 15:04:05 2006");
        let t = Time::parse_rfc3339("2024-02-29T23:59:58+05:30").unwrap();
        assert_eq!(ansic(t), "Thu Feb 29 23:59:58 2024");
        assert_eq!(ansic(Time::ZERO), "Mon Jan  1 00:00:00 0001");
    }

    #[test]
    fn table_shows_notes_trimmed_and_no_test_suite() {
        let mut rel = Release {
            name: "web".to_owned(),
            namespace: "default".to_owned(),
            version: 1,
            ..Release::default()
        };
        rel.info.last_deployed = Time::parse_rfc3339("2006-01-02T15:04:05Z");
        rel.set_status(Status::Deployed, "Install complete");
        rel.info.notes = "\n  hello\n\n".to_owned();
        let mut out = Vec::new();
        StatusPrinter {
            release: &rel,
            debug: false,
            show_metadata: false,
            hide_notes: false,
            no_color: true,
        }
        .write(OutputFormat::Table, &mut out)
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NAME: web\nLAST DEPLOYED: Mon Jan  2 15:04:05 2006\nNAMESPACE: default\nSTATUS: deployed\nREVISION: 1\nDESCRIPTION: Install complete\nTEST SUITE: None\nNOTES:\nhello\n"
        );
        assert_eq!(
            OutputFormat::parse("xml").unwrap_err().to_string(),
            "invalid argument \"xml\" for \"-o, --output\" flag: invalid format type"
        );
    }
}
