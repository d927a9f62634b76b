//! Sprig's `getHostByName`. Helm replaces it with a function returning "" unless DNS
//! lookups are enabled (`--enable-dns`, `pkg/engine/engine.go`); that switch belongs to the
//! engine.

use std::net::ToSocketAddrs as _;

use rand::RngExt as _;
use rudder_gotmpl::{ArgType, FuncMap, Function, Signature};
use rudder_value::Value;

/// One address of `name`, chosen at random as Sprig chooses; resolution failures surface as
/// the panic Sprig's indexing of an empty list causes.
fn get_host_by_name(name: &str) -> Result<String, String> {
    let addrs: Vec<String> = if let Ok(ip) = name.parse::<std::net::IpAddr>() {
        vec![ip.to_string()]
    } else {
        let mut seen = Vec::new();
        for addr in (name, 0).to_socket_addrs().into_iter().flatten() {
            let ip = addr.ip().to_string();
            if !seen.contains(&ip) {
                seen.push(ip);
            }
        }
        seen
    };
    if addrs.is_empty() {
        return Err("invalid argument to Intn".to_owned());
    }
    Ok(addrs[rand::rng().random_range(0..addrs.len())].clone())
}

pub(crate) fn register(map: &mut FuncMap) {
    map.insert(
        "getHostByName".to_owned(),
        Function::new(Signature::fixed(&[ArgType::String]), |a| {
            get_host_by_name(a.first().and_then(Value::as_str).unwrap_or(""))
                .map(Value::from)
                .map_err(Into::into)
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_localhost_and_literals() {
        let ip = get_host_by_name("localhost").unwrap();
        assert!(ip == "127.0.0.1" || ip == "::1", "{ip}");
        assert_eq!(get_host_by_name("10.1.2.3").unwrap(), "10.1.2.3");
    }
}
