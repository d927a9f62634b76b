//! Functions of this group.

use rudder_gotmpl::FuncMap;

pub(crate) fn register(map: &mut FuncMap) {
    let _ = map;
}
