//! Parses arbitrary UTF-8 as a template and executes it against a small fixed chart-like
//! value with every Sprig function: parsing and execution must return text or an error,
//! never panic or overflow the stack.
//!
//! Go templates are Turing-complete enough to run for ever (`range 99` nested five times,
//! `mul` feeding `until`, self-recursive `template`), and that is not a bug. Two limits keep
//! such inputs from being counted:
//! - a cheap filter below skips inputs that are long, hold a number with three or more
//!   digits, or use many of the constructs that multiply work;
//! - what still runs long is left to libFuzzer's `-timeout`, in fork mode with
//!   `-ignore_timeouts=1 -ignore_ooms=1` (see fuzz/README.md), so a slow input is logged and
//!   skipped instead of stopping the run. Panics still stop it.
//!
//! The functions that are slow by design (bcrypt, scrypt and RSA key or certificate
//! generation) are left out: they only make each execution cost milliseconds.

#![no_main]

use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use rudder_gotmpl::{MissingKey, Templates};
use rudder_value::Value;

const DATA: &str = r#"
Values:
  name: demo
  replicas: 3
  ratio: 0.5
  enabled: true
  empty: ""
  nothing: null
  list: [1, "two", 3.5, null, {k: v}]
  labels: {app: web, tier: "front end"}
  nested: {a: {b: {c: deep}}}
Release: {Name: rel, Namespace: ns, IsInstall: true, Revision: 1}
Chart: {Name: demo, Version: 1.2.3}
"#;

/// Sprig functions that are correct but cost milliseconds per call.
const SLOW: &[&str] = &[
    "bcrypt",
    "htpasswd",
    "derivePassword",
    "genPrivateKey",
    "genCA",
    "genSelfSignedCert",
    "genSignedCert",
];

/// Constructs that multiply the work of what they wrap.
const MULTIPLIERS: &[&str] = &[
    "range", "template", "block", "until", "seq", "repeat", "mul", "add", "max", "pow", "indent",
    "printf", "shuffle", "rand",
];

fn setup() -> &'static (Templates, Value) {
    static SETUP: OnceLock<(Templates, Value)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let mut funcs = rudder_sprig::funcs();
        for name in SLOW {
            funcs.remove(*name);
        }
        let templates = Templates::new(Arc::new(funcs))
            .with_name("fuzz")
            .with_missing_key(MissingKey::Zero);
        let data = rudder_yaml::from_yaml(DATA).expect("the fixed data is valid YAML");
        (templates, data)
    })
}

/// True when `text` is small enough that executing it should take well under a second.
fn cheap(text: &str) -> bool {
    if text.len() > 512 {
        return false;
    }
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 3 {
                return false;
            }
        } else {
            digits = 0;
        }
    }
    let multipliers: usize = MULTIPLIERS.iter().map(|m| text.matches(m).count()).sum();
    multipliers <= 3
}

fuzz_target!(|text: &str| {
    if !cheap(text) {
        return;
    }
    let (base, data) = setup();
    let mut templates = base.clone();
    if let Ok(tree) = templates.parse_main("fuzz", text) {
        let _ = templates.execute_tree("fuzz", &tree, data);
    }
});
