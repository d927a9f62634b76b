//! `rudder template`: render a chart locally and print the manifests (helm/helm
//! `pkg/cmd/template.go`).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use rudder_action::install::{Failure, Install, Rendered};
use rudder_release::manifest::split_manifests;

use crate::cli::TemplateArgs;
use crate::commands::chart::{load_chart_checked, user_values};
use crate::settings::Settings;

pub fn run(args: &TemplateArgs, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<()> {
    let (name, chart_ref) = name_and_chart(args)?;
    let chart_path = locate_chart(&chart_ref)?;
    let values = user_values(&args.values)?;
    let chart = load_chart_checked(&chart_path)?;
    let install = Install {
        release_name: name.clone(),
        namespace: settings.namespace().to_owned(),
        is_upgrade: args.is_upgrade,
        include_crds: args.include_crds,
        kube_version: args.kube_version.clone(),
        api_versions: args.api_versions.clone(),
        skip_schema_validation: args.skip_schema_validation,
        sub_notes: args.render_subchart_notes,
        enable_dns: args.enable_dns,
        lookup: None,
    };
    if let Some(v) = &args.kube_version {
        install
            .capabilities()
            .map_err(|_| anyhow!("invalid kube version '{v}': Invalid Semantic Version"))?;
    }
    let (rendered, error) = match install.render(chart, &values).map_err(|f| *f) {
        Ok(r) => (r, None),
        Err(Failure {
            error,
            partial: Some(partial),
        }) => {
            if !settings.debug {
                bail!("{error}\n\nUse --debug flag to render out invalid YAML");
            }
            (*partial, Some(error))
        }
        Err(Failure {
            error,
            partial: None,
        }) => return Err(error.into()),
    };
    print_rendered(args, &name, &rendered, out)?;
    match error {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// Helm's `NameAndChart` as `helm template` sets it up (the name defaults to `release-name`).
fn name_and_chart(args: &TemplateArgs) -> anyhow::Result<(String, String)> {
    match args.args.as_slice() {
        [name, chart] => {
            if args.generate_name {
                bail!("cannot set --generate-name and also specify a name");
            }
            if args.name_template.is_some() {
                bail!("cannot set --name-template and also specify a name");
            }
            Ok((name.clone(), chart.clone()))
        }
        [chart] => {
            let name = match &args.name_template {
                Some(t) => crate::commands::chart::template_name(t)?,
                None => "release-name".to_owned(),
            };
            Ok((name, chart.clone()))
        }
        more => bail!(
            "expected at most two arguments, unexpected arguments: {}",
            more.get(2..).unwrap_or_default().join(", ")
        ),
    }
}

/// A chart reference that names a local directory or archive.
fn locate_chart(reference: &str) -> anyhow::Result<PathBuf> {
    let path = Path::new(reference);
    if path.exists() {
        return Ok(path.to_owned());
    }
    if path.is_absolute() || reference.starts_with('.') {
        bail!("path {reference:?} not found");
    }
    if !reference.contains('/') {
        bail!("non-absolute URLs should be in form of repo_name/path_to_chart, got: {reference}");
    }
    bail!(
        "repo {} not found",
        reference.split('/').next().unwrap_or(reference)
    )
}

fn print_rendered(
    args: &TemplateArgs,
    release_name: &str,
    rendered: &Rendered,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(dir) = &args.output_dir {
        return write_output_dir(args, dir, release_name, rendered, out);
    }
    let mut manifests = String::new();
    manifests.push_str(rendered.manifest.trim());
    manifests.push('\n');
    if !args.no_hooks {
        for hook in &rendered.hooks {
            if args.skip_tests && hook.is_test() {
                continue;
            }
            manifests.push_str(&format!(
                "---\n# Source: {}\n{}\n",
                hook.path, hook.manifest
            ));
        }
    }
    if args.show_only.is_empty() {
        out.write_all(manifests.as_bytes())?;
        return Ok(());
    }
    let docs = split_manifests(&manifests);
    let mut chosen = Vec::new();
    for pattern in &args.show_only {
        let pattern = pattern.replace('\\', "/");
        let mut missing = true;
        for doc in &docs {
            let Some(path) = source_path(doc) else {
                continue;
            };
            if !rudder_chart::ignore::go_match(&pattern, path).unwrap_or(false) {
                continue;
            }
            chosen.push(doc.as_str());
            missing = false;
        }
        if missing {
            bail!("could not find template {pattern} in chart");
        }
    }
    for doc in chosen {
        write!(out, "---\n{doc}\n")?;
    }
    Ok(())
}

/// The template path of a document: what follows the chart name in `# Source: chart/...`.
fn source_path(doc: &str) -> Option<&str> {
    let at = doc.find("# Source: ")?;
    let rest = &doc[at + "# Source: ".len()..];
    let slash = rest.find('/')?;
    if slash == 0 {
        return None;
    }
    let path = &rest[slash + 1..];
    let end = path.find('\n').unwrap_or(path.len());
    let path = &path[..end];
    (!path.is_empty()).then_some(path)
}

/// `--output-dir`: every document appended to `DIR/[RELEASE/]PATH`, announcing each file.
fn write_output_dir(
    args: &TemplateArgs,
    dir: &Path,
    release_name: &str,
    rendered: &Rendered,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let base = if args.release_name {
        dir.join(release_name)
    } else {
        dir.to_owned()
    };
    let mut written = BTreeSet::new();
    let mut docs: Vec<(String, String)> = Vec::new();
    for doc in split_manifests(&rendered.manifest) {
        if let Some(rest) = doc.strip_prefix("# Source: ") {
            let (name, content) = rest.split_once('\n').unwrap_or((rest, ""));
            docs.push((name.to_owned(), content.trim_end_matches('\n').to_owned()));
        }
    }
    if !args.no_hooks {
        for hook in &rendered.hooks {
            if args.skip_tests && hook.is_test() {
                continue;
            }
            docs.push((hook.path.clone(), hook.manifest.clone()));
        }
    }
    for (name, content) in docs {
        let file = base.join(&name);
        if let Some(parent) = file.parent() {
            fs_err::create_dir_all(parent)?;
        }
        let append = !written.insert(name.clone()) || (file.exists() && written.contains(&name));
        let mut f = fs_err::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&file)
            .with_context(|| format!("writing {}", file.display()))?;
        write!(f, "---\n# Source: {name}\n{content}\n")?;
        writeln!(out, "wrote {}", file.display())?;
    }
    Ok(())
}
