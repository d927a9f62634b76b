//! `rudder create NAME`: Helm's chart scaffold, or a starter chart under a new name.

use std::io::Write;
use std::path::{Path, PathBuf};

use rudder_action::create::Create;

use crate::cli::CreateArgs;
use crate::env::{self, Base};

pub fn run(args: &CreateArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "Creating {}", args.name)?;
    // Helm joins a relative starter name to `$HELM_DATA_HOME/starters`.
    let starter = args.starter.as_ref().map(|s| {
        if Path::new(s).is_absolute() {
            PathBuf::from(s)
        } else {
            env::helm_path(Base::Data, "starters").join(s)
        }
    });
    let create = Create {
        name: args.name.clone(),
        starter,
    };
    let mut warnings = Vec::new();
    let result = create.run(&mut |w| warnings.push(w));
    for w in warnings {
        writeln!(out, "{w}")?;
    }
    result?;
    Ok(())
}
