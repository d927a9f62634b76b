//! `rudder completion SHELL`: a script for each shell that names the binary.

use crate::context;

#[test]
fn completion_scripts() {
    let ctx = context();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ctx.run(&["completion", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("rudder"), "{shell}");
    }
    let bad = ctx.run(&["completion", "tcsh"]);
    assert_eq!(bad.code, 2);
}
