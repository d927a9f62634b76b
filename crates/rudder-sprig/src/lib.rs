//! Sprig v3.3.0's template functions as Helm exposes them, and Helm's pure functions.
//!
//! [`funcs`] returns every function by name, each with its Go signature so that the
//! template engine converts arguments exactly as Go does.

mod strings;
mod lists;
mod dicts;
mod math;
mod convert;
mod defaults;
mod reflect;
mod encoding;
mod paths;
mod urls;
mod regex;
mod flow;
mod dates;
pub mod semver;
mod crypto;
mod random;
mod network;
mod codec;

use rudder_gotmpl::FuncMap;

/// Every Sprig function Helm exposes, plus Helm's pure ones (`toYaml`, `fromJson`, ...).
/// Helm's render-time functions (`include`, `tpl`, `required`, `lookup`) live in the engine.
pub fn funcs() -> FuncMap {
    let mut map = FuncMap::new();
    strings::register(&mut map);
    lists::register(&mut map);
    dicts::register(&mut map);
    math::register(&mut map);
    convert::register(&mut map);
    defaults::register(&mut map);
    reflect::register(&mut map);
    encoding::register(&mut map);
    paths::register(&mut map);
    urls::register(&mut map);
    regex::register(&mut map);
    flow::register(&mut map);
    dates::register(&mut map);
    semver::register(&mut map);
    crypto::register(&mut map);
    random::register(&mut map);
    network::register(&mut map);
    codec::register(&mut map);
    map
}
