//! Explains a rendered document that is not valid YAML beyond Helm's one line: which rendered
//! line the parser stopped at and, when it can be told, the template line that produced it.
//!
//! The template line is found by matching text, not by tracing execution: the literal text
//! of each template line (what lies outside `{{ ... }}`) must appear, in order, in the
//! rendered line. Among the matching lines the one with the most literal text wins, then the
//! one nearest to the rendered line's position. A line made only of actions (an `include`,
//! a `toYaml`) cannot be matched this way, so then no template line is named.

use std::collections::BTreeMap;

use rudder_chart::Chart;
use rudder_release::manifest::{parse_head, split_manifests};

/// Extra lines for `err`, or none when it is not a YAML parse error with a line number.
pub(crate) fn explain(
    chart: &Chart,
    files: &BTreeMap<String, String>,
    err: &rudder_release::Error,
) -> Vec<String> {
    let rudder_release::Error::ManifestParse { path, message } = err else {
        return Vec::new();
    };
    let Some(content) = files.get(path) else {
        return Vec::new();
    };
    // The first document of the file that fails is the one the error is about.
    let mut from = 0;
    let mut found = None;
    for doc in split_manifests(content) {
        let start = content[from..]
            .find(doc.trim_end())
            .map_or(from, |i| from + i);
        from = start + doc.trim_end().len();
        if parse_head(path, &doc).is_err() {
            found = Some((doc, start));
            break;
        }
    }
    let Some((doc, start)) = found else {
        return Vec::new();
    };
    let first_line = content[..start].matches('\n').count() + 1;
    let Some(line_no) = line_number(message) else {
        // A document that parses but has the wrong shape (a string, a list, a number where
        // a name belongs): name the document.
        let last_line = first_line + doc.trim_end().matches('\n').count();
        return vec![format!(
            "  in the document at rendered lines {first_line}-{last_line}: {}",
            doc.lines().next().unwrap_or_default()
        )];
    };
    let Some(rendered) = doc.lines().nth(line_no.saturating_sub(1)) else {
        return Vec::new();
    };
    let file_line = first_line - 1 + line_no;
    let mut out = vec![format!("  rendered line {file_line}: {rendered}")];
    if let Some(source) = template_source(chart, chart.name(), path)
        && let Some((n, text)) = best_template_line(&source, rendered, file_line)
    {
        out.push(format!("  from template line {n}: {text}"));
    }
    out
}

/// The `N` of go-yaml's `yaml: line N: ...`.
fn line_number(message: &str) -> Option<usize> {
    let at = message.find("line ")?;
    let digits: String = message[at + 5..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn template_source(chart: &Chart, prefix: &str, path: &str) -> Option<String> {
    for file in &chart.templates {
        if format!("{prefix}/{}", file.name) == path {
            return Some(String::from_utf8_lossy(&file.data).into_owned());
        }
    }
    chart.dependencies().iter().find_map(|dep| {
        let sub = format!("{prefix}/charts/{}", dep.name());
        path.starts_with(&sub)
            .then(|| template_source(dep, &sub, path))
            .flatten()
    })
}

/// The literal fragments of every line of a template (text outside actions).
fn literal_fragments(source: &str) -> Vec<Vec<String>> {
    let mut lines = vec![Vec::new()];
    let mut current = String::new();
    let mut in_action = false;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if !in_action && rest.starts_with("{{") {
            in_action = true;
            rest = &rest[2..];
            if let Some(last) = lines.last_mut() {
                last.push(std::mem::take(&mut current));
            }
            continue;
        }
        if in_action && rest.starts_with("}}") {
            in_action = false;
            rest = &rest[2..];
            continue;
        }
        if c == '\n' {
            if let Some(last) = lines.last_mut() {
                last.push(std::mem::take(&mut current));
            }
            lines.push(Vec::new());
        } else if !in_action {
            current.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    if let Some(last) = lines.last_mut() {
        last.push(current);
    }
    lines
}

fn best_template_line(source: &str, rendered: &str, near: usize) -> Option<(usize, String)> {
    let fragments = literal_fragments(source);
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, frags) in fragments.iter().enumerate() {
        let literal: Vec<&str> = frags
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .collect();
        if literal.is_empty() {
            continue;
        }
        let mut pos = 0;
        let matched = literal.iter().all(|f| match rendered[pos..].find(f) {
            Some(at) => {
                pos += at + f.len();
                true
            }
            None => false,
        });
        if !matched {
            continue;
        }
        let weight: usize = literal.iter().map(|f| f.len()).sum();
        let distance = (i + 1).abs_diff(near);
        let better = match best {
            None => true,
            Some((_, w, d)) => weight > w || (weight == w && distance < d),
        };
        if better {
            best = Some((i, weight, distance));
        }
    }
    let (i, _, _) = best?;
    let text = source.lines().nth(i)?.to_owned();
    Some((i + 1, text))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rudder_chart::{Chart, File};
    use rudder_release::manifest::sort_manifests;

    use super::{best_template_line, explain, line_number};

    fn explain_one(template: &str, rendered: &str) -> Vec<String> {
        let mut chart = Chart::default();
        chart.metadata.name = "c".to_owned();
        chart.templates = vec![File::new("templates/x.yaml", template.as_bytes().to_vec())];
        let files = BTreeMap::from([("c/templates/x.yaml".to_owned(), rendered.to_owned())]);
        let err = sort_manifests(&files, &[]).expect_err("the document is invalid");
        explain(&chart, &files, &err)
    }

    #[test]
    fn explains_a_syntax_error_with_both_lines() {
        assert_eq!(
            explain_one(
                "kind: A\n---\nkind: B\nmetadata:\n  name: {{ .Values.x }}\n",
                "kind: A\n---\nkind: B\nmetadata:\n  name: a: b\n"
            ),
            [
                "  rendered line 5:   name: a: b",
                "  from template line 5:   name: {{ .Values.x }}"
            ]
        );
    }

    #[test]
    fn names_the_document_of_a_shape_error() {
        assert_eq!(
            explain_one("{{ .Values.list }}\n", "kind: A\n---\n- a\n- b\n"),
            ["  in the document at rendered lines 3-4: - a"]
        );
    }

    #[test]
    fn reads_go_yaml_line_numbers() {
        assert_eq!(
            line_number("error converting YAML to JSON: yaml: line 12: mapping values"),
            Some(12)
        );
        assert_eq!(line_number("did not find expected key"), None);
    }

    #[test]
    fn names_the_template_line_with_the_most_literal_text() {
        let source = "kind: A\nmetadata:\n  name: {{ .Values.x }}\n  labels:\n    a: {{ .Values.y | quote }}\n";
        assert_eq!(
            best_template_line(source, "  name: a: b", 3),
            Some((3, "  name: {{ .Values.x }}".to_owned()))
        );
        assert_eq!(
            best_template_line("{{ include \"x\" . }}\n", "a: b: c", 1),
            None
        );
    }

    #[test]
    fn multi_line_actions_separate_fragments() {
        let source = "a: {{ if\n .Values.x }}b: c{{ end }}\nd: e\n";
        assert_eq!(
            best_template_line(source, "b: c: x", 1),
            Some((2, " .Values.x }}b: c{{ end }}".to_owned()))
        );
    }
}
