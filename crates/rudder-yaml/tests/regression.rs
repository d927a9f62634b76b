//! Inputs found by fuzzing (`fuzz/`), each with the behaviour Helm shows for it.

use rudder_value::Value;

/// A document may start with any character whose UTF-8 form begins with byte 0xEF
/// (U+E000..U+FFFF); only U+FEFF itself is a byte order mark. go-yaml checks all three bytes of
/// the mark, and Helm reads `Ａ: 1` (U+FF21) and `ﻷ5` (U+FEF7) as plain text.
// See: fuzz/README.md, yaml_roundtrip crash-8d5d8bf3e8df0ed0c245eb065c8595c0f18e3383
// (input "\nﻷ5\n": to_yaml wrote "ﻷ5\n", which from_yaml refused as an invalid byte order mark).
#[test]
fn leading_character_starting_with_byte_ef_is_not_a_byte_order_mark() {
    let fullwidth = rudder_yaml::from_yaml("\u{FF21}: 1\n").expect("reads like any key");
    let map = fullwidth.as_map().expect("a map");
    assert_eq!(map.entries().len(), 1);
    assert!(map.get("\u{FF21}").is_some());

    let text = Value::from("\u{FEF7}5");
    let written = rudder_yaml::to_yaml(&text).expect("a plain string is written");
    let read = rudder_yaml::from_yaml(&written).expect("to_yaml output reads back");
    assert_eq!(read.as_str(), Some("\u{FEF7}5"));

    let bom = rudder_yaml::from_yaml("\u{FEFF}a: 1\n").expect("a real mark is skipped");
    assert!(bom.as_map().and_then(|m| m.get("a")).is_some());
}
