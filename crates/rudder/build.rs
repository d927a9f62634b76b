//! Links `rudder` as a position-dependent executable on Linux, as Go links `helm`.
//!
//! A position-independent `rudder` spends its first two milliseconds in the dynamic loader,
//! relocating about 50,000 pointers and copying the 880 KB of `.data.rel.ro` they live in (half
//! the page faults of a `rudder template` run). A fixed-address executable has none of that
//! work; shared libraries keep their randomised addresses.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=rudder=-no-pie");
    }
}
