//! Go's `fmt` printing of [`Value`]s: `Sprint`, `Sprintln`, `Sprintf`.

use crate::Value;

/// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither
/// is a string.
pub fn sprint(args: &[Value]) -> String {
    let _ = args;
    todo!("filled in by the fmt work")
}
