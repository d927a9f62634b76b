//! `rudder version` (reviewed snapshots: Helm's build info cannot come from the oracle).

use crate::context;

#[test]
fn version_forms() {
    let ctx = context();
    let short = ctx.run(&["version", "--short"]);
    insta::assert_snapshot!(short.stdout, @"v4.2.3");
    let template = ctx.run(&["version", "--template", "{{.Version}}"]);
    insta::assert_snapshot!(template.stdout, @"v4.2.3");
    let full = ctx.run(&["version"]);
    assert_eq!(full.code, 0);
    assert!(
        full.stdout
            .starts_with("version.BuildInfo{Version:\"v4.2.3\"")
    );
}
