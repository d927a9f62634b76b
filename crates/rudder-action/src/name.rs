//! Release names: validation and `NameAndChart` (helm/helm `pkg/action/install.go`,
//! `pkg/chart/common/util/validate_name.go`).

/// Helm's limit on release names (Secrets' names carry a prefix and a version suffix).
pub const MAX_RELEASE_NAME_LEN: usize = 53;

/// True when `name` is a DNS-1123 subdomain of at most 53 characters, as Helm requires.
pub fn is_valid_release_name(name: &str) -> bool {
    if name.is_empty() || name.len() > MAX_RELEASE_NAME_LEN {
        return false;
    }
    name.split('.').all(|label| {
        let b = label.as_bytes();
        let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        !b.is_empty()
            && b.first().is_some_and(alnum)
            && b.last().is_some_and(alnum)
            && b.iter().all(|c| alnum(c) || *c == b'-')
    })
}

/// The name Helm derives for `--generate-name` from a chart reference: the base name up to
/// its first dot (`chart` when empty), then `-` and a Unix timestamp.
pub fn generated_name(chart_ref: &str, unix_seconds: u64) -> String {
    let base = chart_ref
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let base = if base.is_empty() || base == "." {
        "chart"
    } else {
        base
    };
    let base = base.split('.').next().unwrap_or(base);
    format!("{base}-{unix_seconds}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names_follow_dns_1123_subdomains() {
        for ok in ["rel", "a", "my-release", "a.b-c.d", "0abc"] {
            assert!(is_valid_release_name(ok), "{ok}");
        }
        for bad in ["", "Rel", "-a", "a-", "a..b", "a_b", &"x".repeat(54)] {
            assert!(!is_valid_release_name(bad), "{bad}");
        }
    }

    #[test]
    fn generated_names_use_the_chart_base_name() {
        assert_eq!(generated_name("./charts/nginx-1.2.3.tgz", 7), "nginx-1-7");
        assert_eq!(generated_name(".", 7), "chart-7");
        assert_eq!(generated_name("repo/podinfo", 7), "podinfo-7");
    }
}
