//! Every `--set` flavour must return a map or an error on any input, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rudder_value::{Map, Value};

fuzz_target!(|data: &str| {
    let _ = rudder_chart::strvals::parse(data);
    let _ = rudder_chart::strvals::parse_string(data);
    let _ = rudder_chart::strvals::parse_literal(data);
    let _ = rudder_chart::strvals::parse_json(data, &Map::new());
    let mut reader = |p: &str| -> Result<Value, rudder_chart::SetError> { Ok(Value::from(p)) };
    let _ = rudder_chart::strvals::parse_into_file(data, &Map::new(), &mut reader);
});
