//! Helm's operations, one module per action, each a struct of options with `run`-style methods
//! (the shape of helm/helm `pkg/action`). Actions never read the environment or print: the
//! command line turns flags into options and prints what an action returns.
//!
//! [`install::Install::render`] is the part of an install that needs no cluster, which is all
//! of `helm template`.
//!
//! Release actions work over a [`Context`] (cluster, storage, clock, log sink): install,
//! upgrade, [`rollback::Rollback`], [`uninstall::Uninstall`], [`status::Status`],
//! [`history::History`], [`list::List`], [`get`] and [`release_test::ReleaseTesting`]. Hooks
//! of every event run through [`hooks::exec_hooks`] (Helm's `execHook`).
//!
//! ```
//! use rudder_action::install::Install;
//! use rudder_chart::{File, load_files};
//! use rudder_value::Map;
//!
//! let chart = load_files(vec![
//!     File::new("Chart.yaml", &b"apiVersion: v2\nname: demo\nversion: 0.1.0\n"[..]),
//!     File::new("templates/cm.yaml", &b"kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"[..]),
//! ])
//! .unwrap();
//! let install = Install { release_name: "rel".to_owned(), ..Install::default() };
//! let rendered = install.render(chart, &Map::new()).unwrap();
//! // The last document keeps its final line break, and Helm adds one after every document.
//! assert_eq!(rendered.manifest, "---\n# Source: demo/templates/cm.yaml\nkind: ConfigMap\nmetadata:\n  name: rel\n\n");
//! ```

pub mod context;
pub mod create;
pub mod dependency;
mod early_heads;
mod error;
pub mod get;
pub mod history;
pub mod hooks;
pub mod install;
pub mod jsonpath;
pub mod lint;
pub mod list;
pub mod name;
pub mod package;
pub mod postrender;
pub mod release_test;
pub mod repo;
pub mod rollback;
pub mod show;
pub mod status;
pub mod table;
pub mod uninstall;
pub mod upgrade;
mod yaml_context;

pub use context::{Context, LogSink};
pub use error::{Error, Result};
