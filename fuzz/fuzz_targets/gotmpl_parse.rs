//! Feeds arbitrary UTF-8 to the template parser, with the default and with odd delimiters:
//! it must return trees or an error, never panic or overflow its stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rudder_gotmpl::{ParseOptions, parse};

fn is_func(name: &str) -> bool {
    matches!(
        name,
        "printf" | "len" | "index" | "and" | "or" | "not" | "eq" | "include"
    )
}

fuzz_target!(|text: &str| {
    let default = ParseOptions::default();
    if let Ok(trees) = parse("fuzz", text, &default, &is_func) {
        for tree in &trees {
            // Printing and the position helpers walk every node.
            let _ = tree.root.to_string();
            let _ = tree.error_context(text.len());
            let _ = tree.is_empty();
        }
    }
    let odd = ParseOptions {
        left_delim: "-".to_string(),
        right_delim: "}".to_string(),
        skip_func_check: true,
        keep_comments: true,
    };
    let _ = parse("fuzz", text, &odd, &is_func);
});
