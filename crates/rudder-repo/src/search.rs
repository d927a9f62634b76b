//! `search repo` over the cached indexes (Helm's `pkg/cmd/search/search.go`).

use std::collections::HashSet;

use rudder_semver::{Constraints, Version};

use crate::error::{Error, Result};
use crate::index::{ChartVersion, IndexFile};

/// Helm's `searchMaxScore`: a match must fall in the first 25 fields of a line.
pub const MAX_SCORE: usize = 25;

/// Field separator of the searchable lines (a vertical tab, as in Helm).
const SEP: char = '\u{b}';

/// One search hit (Helm's `search.Result`).
#[derive(Debug, Clone, Copy)]
pub struct SearchResult<'a> {
    /// `repo/chart`.
    pub name: &'a str,
    /// Which field matched (0 is the chart name); lower is better.
    pub score: usize,
    /// The matching version.
    pub chart: &'a ChartVersion,
}

struct Line<'a> {
    /// `repo/chart`.
    name: String,
    /// `chart\vrepo/chart\vdescription\vkeywords`.
    text: String,
    chart: &'a ChartVersion,
}

/// The searchable lines of several indexes (Helm's `search.Index`). It borrows the
/// indexes, so a large index is not copied.
#[derive(Default)]
pub struct SearchIndex<'a> {
    lines: Vec<Line<'a>>,
}

impl<'a> SearchIndex<'a> {
    /// An empty search index.
    pub fn new() -> Self {
        SearchIndex::default()
    }

    /// Adds a repository's charts: the newest version of each, or every version when `all`
    /// (Helm's `AddRepo`). A later repository's `repo/chart` replaces an earlier one, as the
    /// map in Helm does.
    pub fn add_repo(&mut self, repo: &str, index: &'a IndexFile, all: bool) {
        for (name, versions) in &index.entries {
            let Some(first) = versions.first() else {
                continue;
            };
            let full = if repo.is_empty() {
                name.clone()
            } else {
                format!("{repo}/{name}")
            };
            let chosen: &[ChartVersion] = if all {
                versions
            } else {
                std::slice::from_ref(first)
            };
            for cv in chosen {
                let md = &cv.metadata;
                let text = format!(
                    "{}{SEP}{repo}/{}{SEP}{}{SEP}{}",
                    md.name,
                    md.name,
                    md.description,
                    md.keywords.join(" ")
                );
                self.lines.push(Line {
                    name: full.clone(),
                    text,
                    chart: cv,
                });
            }
        }
    }

    /// Every line, unranked (Helm's `All`).
    pub fn all(&self) -> Vec<SearchResult<'_>> {
        self.lines
            .iter()
            .map(|l| SearchResult {
                name: &l.name,
                score: 0,
                chart: l.chart,
            })
            .collect()
    }

    /// Lines containing `term` (case-insensitive), or matching it as a regular expression.
    pub fn search(
        &self,
        term: &str,
        threshold: usize,
        regexp: bool,
    ) -> Result<Vec<SearchResult<'_>>> {
        let mut out = Vec::new();
        if regexp {
            let re = regex::Regex::new(term).map_err(|e| Error::Constraint(e.to_string()))?;
            for l in &self.lines {
                if let Some(m) = re.find(&l.text) {
                    let score = score(m.start(), &l.text);
                    if score < threshold {
                        out.push(SearchResult {
                            name: &l.name,
                            score,
                            chart: l.chart,
                        });
                    }
                }
            }
        } else {
            let term = term.to_lowercase();
            for l in &self.lines {
                let lower = l.text.to_lowercase();
                if let Some(at) = lower.find(&term) {
                    let score = score(at, &lower);
                    if score < threshold {
                        out.push(SearchResult {
                            name: &l.name,
                            score,
                            chart: l.chart,
                        });
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Which field of `line` holds byte offset `at` (Helm's `calcScore`).
fn score(at: usize, line: &str) -> usize {
    line.char_indices()
        .filter(|&(_, c)| c == SEP)
        .position(|(pos, _)| at <= pos)
        .unwrap_or_else(|| line.chars().filter(|&c| c == SEP).count())
}

/// Orders hits by score, then name, then version newest first (Helm's `SortScore`).
pub fn sort_results(results: &mut [SearchResult<'_>]) {
    let mut keyed: Vec<(SearchResult<'_>, Option<Version>)> = results
        .iter()
        .map(|r| (*r, Version::parse(&r.chart.metadata.version).ok()))
        .collect();
    keyed.sort_by(|(a, va), (b, vb)| {
        a.score
            .cmp(&b.score)
            .then_with(|| a.name.cmp(b.name))
            .then_with(|| match (va, vb) {
                (Some(x), Some(y)) => y.compare(x),
                _ => std::cmp::Ordering::Equal,
            })
    });
    for (slot, (r, _)) in results.iter_mut().zip(keyed) {
        *slot = r;
    }
}

/// Keeps the hits whose version satisfies `constraint`; unless `versions`, only the first
/// hit of each name (Helm's `applyConstraint`).
pub fn apply_constraint<'a>(
    results: Vec<SearchResult<'a>>,
    constraint: &str,
    versions: bool,
) -> Result<Vec<SearchResult<'a>>> {
    if constraint.is_empty() {
        return Ok(results);
    }
    let c = Constraints::parse(constraint)
        .map_err(|e| Error::Constraint(format!("an invalid version/constraint format: {e}")))?;
    let mut found: HashSet<&str> = HashSet::new();
    let mut out = Vec::new();
    for r in results {
        if !versions && found.contains(r.name) {
            continue;
        }
        let Ok(v) = Version::parse(&r.chart.metadata.version) else {
            continue;
        };
        if c.check(&v) {
            found.insert(r.name);
            out.push(r);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_counts_fields_before_the_match() {
        let line = "nginx\u{b}stable/nginx\u{b}a web server\u{b}http";
        assert_eq!(score(0, line), 0);
        assert_eq!(score(6, line), 1);
        assert_eq!(score(line.find("web").unwrap_or(0), line), 2);
        assert_eq!(score(line.find("http").unwrap_or(0), line), 3);
    }
}

#[cfg(test)]
mod ranking_tests {
    use super::*;

    #[test]
    fn results_rank_by_field_then_name_then_newest() {
        let index = IndexFile::parse(
            b"apiVersion: v1\nentries:\n  zeta:\n  - name: zeta\n    version: 1.0.0\n    description: uses nginx\n  nginx:\n  - name: nginx\n    version: 2.0.0\n  - name: nginx\n    version: 10.0.0\n  web:\n  - name: web\n    version: 0.1.0\n    keywords: [nginx]\n",
        )
        .expect("index parses");
        let mut s = SearchIndex::new();
        s.add_repo("r", &index, true);
        let mut hits = s.search("NGINX", MAX_SCORE, false).expect("search runs");
        sort_results(&mut hits);
        let got: Vec<(&str, &str, usize)> = hits
            .iter()
            .map(|h| (h.name, h.chart.metadata.version.as_str(), h.score))
            .collect();
        assert_eq!(
            got,
            [
                ("r/nginx", "10.0.0", 0),
                ("r/nginx", "2.0.0", 0),
                ("r/zeta", "1.0.0", 2),
                ("r/web", "0.1.0", 3),
            ]
        );
        let kept = apply_constraint(hits, ">0.0.0", false).expect("constraint parses");
        assert_eq!(kept.len(), 3);
    }
}
