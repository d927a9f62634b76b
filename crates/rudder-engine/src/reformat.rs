//! Helm 4's rewriting of Go's template errors (helm/helm `pkg/engine/engine.go`:
//! `cleanupParseError`, `reformatExecErrorMsg`, `parseTemplateExecErrorString`).
//!
//! Helm works on the text of Go's errors, walking the `errors.Unwrap` chain. Go's executor
//! wraps an error with `%w` only in `error calling NAME: %w`, so the chain can be rebuilt from
//! the text alone: an `ExecError`, its identical inner error, then, after `error calling NAME: `,
//! the function's own error, which is another template error only when the function executed a
//! template (`include`).

use crate::error::Error;

/// Delimiters `fail` and `required` put around their message, so the message can be found
/// again in the wrapped error.
pub(crate) const WARN_START: &str = "HELM_ERR_START";
pub(crate) const WARN_END: &str = "HELM_ERR_END";

/// `cleanupParseError`: keeps the location (second `: `-separated token) and the last token.
pub(crate) fn cleanup_parse_error(filename: &str, message: &str) -> Error {
    let tokens: Vec<&str> = message.split(": ").collect();
    if tokens.len() == 1 {
        return Error::ParseUnlocated {
            template: filename.to_owned(),
            message: message.to_owned(),
        };
    }
    Error::Parse {
        template: filename.to_owned(),
        location: tokens[1].to_owned(),
        message: tokens[tokens.len() - 1].to_owned(),
    }
}

/// The message `fail`/`required` wrapped (greedy, across lines), if any.
pub(crate) fn find_warning(text: &str) -> Option<&str> {
    let start = text.find(WARN_START)? + WARN_START.len();
    let end = text[start..].rfind(WARN_END)? + start;
    Some(&text[start..end])
}

/// `reformatExecErrorMsg` for an error from executing `filename`. `is_exec_error` says whether
/// Go would have returned a `template.ExecError` (anything else passes through unchanged).
pub(crate) fn reformat_exec_error(filename: &str, message: &str, is_exec_error: bool) -> Error {
    let passthrough = || Error::Template {
        template: filename.to_owned(),
        message: message.to_owned(),
    };
    if !is_exec_error {
        return passthrough();
    }
    let tokens: Vec<&str> = message.splitn(3, ": ").collect();
    if tokens.len() != 3 {
        return Error::Template {
            template: filename.to_owned(),
            message: format!("execution error in ({filename}): {message}"),
        };
    }
    if let Some(warning) = find_warning(tokens[2]) {
        return Error::Execution {
            template: filename.to_owned(),
            location: tokens[1].to_owned(),
            message: warning.to_owned(),
        };
    }

    let mut traces: Vec<Traceable> = Vec::new();
    for level in unwrap_chain(message) {
        let Some(trace) = parse_exec_error(level) else {
            return passthrough();
        };
        if traces.last() != Some(&trace) {
            traces.push(trace);
        }
    }
    let text: String = traces.iter().map(Traceable::render).collect();
    Error::Trace {
        template: filename.to_owned(),
        trace: text.trim().to_owned(),
    }
}

/// The messages of Go's unwrap chain below an `ExecError` with this text.
fn unwrap_chain(message: &str) -> Vec<&str> {
    let mut chain = Vec::new();
    let mut current = message;
    loop {
        // The ExecError and the fmt error inside it print the same text.
        chain.push(current);
        chain.push(current);
        let Some(inner) = wrapped_function_error(current) else {
            return chain;
        };
        if !inner.starts_with("template: ") || inner.starts_with("template: no template ") {
            chain.push(inner);
            return chain;
        }
        current = inner;
    }
}

/// For `template: LOC: executing "NAME" at <NODE>: error calling F: INNER`, the `INNER` text.
fn wrapped_function_error(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("template: ")?;
    let (_, after) = rest.split_once(": executing \"")?;
    let (_, after) = after.split_once("\" at <")?;
    let (_, msg) = after.split_once(">: ")?;
    let call = msg.strip_prefix("error calling ")?;
    let (_, inner) = call.split_once(": ")?;
    Some(inner)
}

/// One stanza of Helm's trace (`TraceableError`).
#[derive(Debug, PartialEq, Eq)]
struct Traceable {
    location: String,
    message: String,
    executed_function: String,
}

impl Traceable {
    fn render(&self) -> String {
        let mut out = String::new();
        if !self.location.is_empty() {
            out.push_str(&self.location);
            out.push_str("\n  ");
        }
        if !self.executed_function.is_empty() {
            out.push_str(&self.executed_function);
            out.push_str("\n    ");
        }
        if !self.message.is_empty() {
            out.push_str(&self.message);
            out.push('\n');
        }
        out
    }
}

/// `parseTemplateExecErrorString`.
fn parse_exec_error(text: &str) -> Option<Traceable> {
    let remainder = text.strip_prefix("template: ")?;
    if remainder.starts_with("no template ") {
        return Some(Traceable {
            location: String::new(),
            message: text.to_owned(),
            executed_function: String::new(),
        });
    }
    if let Some((location, after)) = remainder.split_once(": executing ") {
        // Helm gives up on the executing form only when it is malformed, and then does not
        // try the simple form either.
        let after = after.strip_prefix('"')?;
        let end_quote = after.find('"')?;
        let function = &after[..end_quote];
        let after_at = after[end_quote + 1..].strip_prefix(" at <")?;
        let (node, msg) = after_at.split_once(">: ")?;
        return Some(Traceable {
            location: location.to_owned(),
            message: cut_chained(msg).to_owned(),
            executed_function: format!("executing \"{function}\" at <{node}>:"),
        });
    }
    let sep = remainder.rfind(": ")?;
    Some(Traceable {
        location: remainder[..sep].to_owned(),
        message: cut_chained(&remainder[sep + 2..]).to_owned(),
        executed_function: String::new(),
    })
}

/// Drops a chained ` template:...` error from a message.
fn cut_chained(msg: &str) -> &str {
    match msg.find(" template:") {
        Some(cut) => &msg[..cut],
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::{cleanup_parse_error, reformat_exec_error};

    const X: &str = "oracle/templates/x.tpl";

    #[test]
    fn parse_errors_keep_location_and_last_message() {
        let err = cleanup_parse_error(
            X,
            "template: oracle/templates/x.tpl:1: missing value for if",
        );
        assert_eq!(
            err.to_string(),
            "parse error at (oracle/templates/x.tpl:1): missing value for if"
        );
    }

    #[test]
    fn nil_pointer_errors_become_a_trace() {
        let msg = "template: oracle/templates/x.tpl:1:10: executing \"oracle/templates/x.tpl\" at <.Values.a.b>: nil pointer evaluating interface {}.b";
        assert_eq!(
            reformat_exec_error(X, msg, true).to_string(),
            "oracle/templates/x.tpl:1:10\n  executing \"oracle/templates/x.tpl\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b"
        );
    }

    #[test]
    fn fail_and_required_give_execution_errors() {
        let msg = "template: oracle/templates/x.tpl:1:3: executing \"oracle/templates/x.tpl\" at <fail \"boom\">: error calling fail: HELM_ERR_STARTboomHELM_ERR_END";
        assert_eq!(
            reformat_exec_error(X, msg, true).to_string(),
            "execution error at (oracle/templates/x.tpl:1:3): boom"
        );
    }

    #[test]
    fn function_errors_keep_gos_text() {
        let msg = "template: oracle/templates/x.tpl:1:3: executing \"oracle/templates/x.tpl\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison";
        assert_eq!(reformat_exec_error(X, msg, true).to_string(), msg);
    }

    #[test]
    fn include_errors_trace_each_template() {
        let msg = "template: oracle/templates/x.tpl:1:3: executing \"oracle/templates/x.tpl\" at <include \"f\" .>: error calling include: template: oracle/templates/x.tpl:2:20: executing \"f\" at <.a.b>: nil pointer evaluating interface {}.b";
        assert_eq!(
            reformat_exec_error(X, msg, true).to_string(),
            "oracle/templates/x.tpl:1:3\n  executing \"oracle/templates/x.tpl\" at <include \"f\" .>:\n    error calling include:\noracle/templates/x.tpl:2:20\n  executing \"f\" at <.a.b>:\n    nil pointer evaluating interface {}.b"
        );
    }
}
