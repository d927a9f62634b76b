//! Flow control: `fail`.

use rudder_gotmpl::{ArgType, FuncError, FuncMap};

use crate::convert::{arg_str, fixed, reg};

pub(crate) fn register(map: &mut FuncMap) {
    reg(map, "fail", fixed(&[ArgType::String]), |a| {
        Err(FuncError::new(arg_str(&a[0])))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_returns_the_message_as_error() {
        let mut map = FuncMap::default();
        register(&mut map);
        assert!(map.contains_key("fail"));
    }
}
