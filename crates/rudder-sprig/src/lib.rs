//! Sprig v3.3.0's template functions as Helm exposes them, and Helm's pure functions.
//!
//! [`funcs`] returns every function by name, each with its Go signature so that the
//! template engine converts arguments exactly as Go does.

mod codec;
mod convert;
mod crypto;
mod dates;
pub use dates::format_rfc3339;
mod defaults;
mod dicts;
mod encoding;
mod flow;
mod lists;
mod math;
mod network;
mod paths;
mod random;
mod reflect;
mod regex;
pub mod semver;
mod strings;
mod urls;

use rudder_gotmpl::{FuncMap, Signature};

/// The Go parameter types of the methods of Sprig's host types (`time.Time`,
/// `*semver.Version`) as `(type name, method, signature)`, for
/// [`rudder_gotmpl::Templates::with_method_signature`], so that wrong arguments fail at the
/// argument as in Go (`can't handle "x" for arg of type time.Time`).
pub fn method_signatures() -> Vec<(&'static str, &'static str, Signature)> {
    let mut sigs = dates::method_signatures();
    sigs.extend(semver::method_signatures());
    sigs
}

/// Every Sprig function Helm exposes, plus Helm's pure ones (`toYaml`, `fromJson`, ...).
/// Helm's render-time functions (`include`, `tpl`, `required`, `lookup`) live in the engine.
pub fn funcs() -> FuncMap {
    let mut map = FuncMap::default();
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
