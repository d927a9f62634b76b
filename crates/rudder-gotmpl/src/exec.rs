//! The executor: runs parsed trees against data (Go's `text/template/exec.go`).
//!
//! API contract shared with the rest of the workspace (implementation in progress):
//! - [`Templates`] is a set of named templates sharing one namespace, with its functions and
//!   options. Cloning is cheap (trees are `Arc`s) and a clone can be extended by parsing more
//!   text without touching the original, which is how Helm's `tpl` works.
//! - [`Templates::execute`] takes `&self`, so a function may execute templates of the same set
//!   re-entrantly through [`CallContext`] (Helm's `include`).

use std::sync::Arc;

use rudder_value::Value;

use crate::func::FuncMap;

/// What `missingkey=` says to do when a map has no entry for a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingKey {
    /// `missingkey=default` / `invalid`: the result is "no value" (prints `<no value>`).
    #[default]
    Default,
    /// `missingkey=zero`: the zero value of the map's element type (a nil `interface{}`).
    Zero,
    /// `missingkey=error`: execution stops with `map has no entry for key "x"`.
    Error,
}

/// Execution options.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The `missingkey` option.
    pub missing_key: MissingKey,
}

/// A set of templates sharing one namespace, with functions and options (Go's
/// `*template.Template` and its `common`).
#[derive(Clone)]
pub struct Templates {
    funcs: Arc<FuncMap>,
    options: Options,
}

impl Templates {
    /// An empty set with these functions (in addition to Go's builtins).
    pub fn new(funcs: Arc<FuncMap>) -> Self {
        Templates {
            funcs,
            options: Options::default(),
        }
    }

    /// The functions of this set.
    pub fn funcs(&self) -> &Arc<FuncMap> {
        &self.funcs
    }

    /// The options of this set.
    pub fn options(&self) -> Options {
        self.options
    }

    /// Sets the options.
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// Runs template `name` with `data` as dot and returns what it printed.
    pub fn execute(&self, name: &str, data: &Value) -> Result<String, crate::Error> {
        let _ = (name, data);
        todo!("executor in progress")
    }
}

/// What a function sees of the running template: the set being executed, so that it can
/// execute other templates of that set (Helm's `include`) or clone and extend it (`tpl`).
pub struct CallContext<'a> {
    templates: &'a Templates,
    name: &'a str,
}

impl<'a> CallContext<'a> {
    /// The template set being executed.
    pub fn templates(&self) -> &'a Templates {
        self.templates
    }

    /// The name of the template being executed (the innermost `{{template}}` call).
    pub fn template_name(&self) -> &'a str {
        self.name
    }
}
