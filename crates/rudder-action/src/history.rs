//! `helm history` (Helm's `pkg/action/history.go` and the selection in `pkg/cmd/history.go`).

use rudder_release::Release;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::name::is_valid_release_name;

/// Options of `helm history`.
#[derive(Clone, Copy, Debug)]
pub struct History {
    /// `--max`: at most this many revisions, the newest ones.
    pub max: usize,
}

impl Default for History {
    fn default() -> Self {
        History { max: 256 }
    }
}

impl History {
    /// The newest `max` revisions of `name`, oldest first, as `helm history` lists them.
    ///
    /// Errors: [`Error::NameInvalid`] (`release name is invalid: NAME`), or the storage's
    /// `release: not found` when there is no revision.
    pub fn run(&self, ctx: &Context, name: &str) -> Result<Vec<Release>> {
        ctx.kube.server_version()?;
        if !is_valid_release_name(name) {
            return Err(Error::NameInvalid {
                prefix: "release name is invalid: ",
                name: name.to_owned(),
            });
        }
        ctx.log(&format!("getting history for release release={name}"));
        let mut history = ctx.releases.history(name)?;
        history.sort_by_key(|r| std::cmp::Reverse(r.version));
        history.truncate(self.max);
        history.reverse();
        Ok(history)
    }
}
