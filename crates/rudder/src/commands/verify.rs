//! `rudder verify PATH`: checks a chart archive against its `.prov` file (helm/helm
//! `pkg/cmd/verify.go` over `pkg/action/verify.go`).

use std::io::Write;

use crate::cli::VerifyArgs;

pub fn run(args: &VerifyArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let keyring = args
        .keyring
        .clone()
        .unwrap_or_else(crate::env::default_keyring);
    let mut prov = args.path.as_os_str().to_owned();
    prov.push(".prov");
    let v = rudder_provenance::verify_chart(&args.path, prov, keyring)?;
    write!(out, "{}", v.report())?;
    Ok(())
}
