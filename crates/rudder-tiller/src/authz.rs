//! Who may do what: client identities (a certificate's subject common name) mapped to the
//! namespaces they may act in and the operations they may use, read from a YAML file:
//!
//! ```yaml
//! clients:
//!   - identity: ci-deployer        # the client certificate's CN
//!     namespaces: [staging, prod]  # "*" is every namespace (and `list --all-namespaces`)
//!     operations: [install, upgrade, rollback, list, status, get, history]  # "*" is all
//! ```
//!
//! An identity missing from the file may do nothing; so may a connection without a client
//! certificate. Without mutual TLS (loopback development only) the server uses
//! [`Policy::allow_all`].

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The operations of the release service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// ListReleases.
    List,
    /// GetReleaseStatus.
    Status,
    /// GetReleaseContent (`get`).
    Get,
    /// InstallRelease.
    Install,
    /// UpdateRelease.
    Upgrade,
    /// RollbackRelease.
    Rollback,
    /// UninstallRelease.
    Uninstall,
    /// GetHistory.
    History,
    /// GetVersion.
    Version,
    /// RunReleaseTest.
    Test,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 10] = [
        Operation::List,
        Operation::Status,
        Operation::Get,
        Operation::Install,
        Operation::Upgrade,
        Operation::Rollback,
        Operation::Uninstall,
        Operation::History,
        Operation::Version,
        Operation::Test,
    ];

    /// The name used in the authorization file and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::List => "list",
            Operation::Status => "status",
            Operation::Get => "get",
            Operation::Install => "install",
            Operation::Upgrade => "upgrade",
            Operation::Rollback => "rollback",
            Operation::Uninstall => "uninstall",
            Operation::History => "history",
            Operation::Version => "version",
            Operation::Test => "test",
        }
    }

    /// The operation a name stands for.
    pub fn parse(name: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.as_str() == name)
    }

    /// Whether the operation changes a release (and so is serialised per release).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Operation::Install
                | Operation::Upgrade
                | Operation::Rollback
                | Operation::Uninstall
                | Operation::Test
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    clients: Vec<ClientEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientEntry {
    identity: String,
    #[serde(default)]
    namespaces: Vec<String>,
    #[serde(default)]
    operations: Vec<String>,
}

/// One client's grant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// The certificate's common name.
    pub identity: String,
    /// Namespaces, `*` for all.
    pub namespaces: Vec<String>,
    /// Operations; `None` is all of them.
    pub operations: Option<Vec<Operation>>,
}

/// Why a call is refused; the server answers with the matching gRPC status.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The connection carries no client certificate (gRPC `UNAUTHENTICATED`).
    #[error("tiller: a client certificate is required")]
    NoIdentity,
    /// The identity is not in the file (gRPC `PERMISSION_DENIED`).
    #[error("tiller: client {identity:?} is not authorized")]
    UnknownIdentity {
        /// The certificate's common name.
        identity: String,
    },
    /// The operation is not granted in that namespace (gRPC `PERMISSION_DENIED`).
    #[error("tiller: client {identity:?} may not {operation} in namespace {namespace:?}")]
    NotAllowed {
        /// The certificate's common name.
        identity: String,
        /// The operation.
        operation: &'static str,
        /// The namespace (`*` for all namespaces).
        namespace: String,
    },
}

/// The authorization rules of a server.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    grants: Vec<Grant>,
    allow_all: bool,
}

impl Policy {
    /// Everything is allowed, to anyone (loopback development without TLS).
    pub fn allow_all() -> Policy {
        Policy {
            grants: Vec::new(),
            allow_all: true,
        }
    }

    /// The rules of an authorization file's text.
    ///
    /// Errors: [`Error::Authz`] for YAML that is not a list of clients, or an unknown operation.
    pub fn from_yaml(text: &str, path: &Path) -> Result<Policy> {
        let invalid = |message: String| Error::Authz {
            path: path.to_owned(),
            message,
        };
        let file: File = if text.trim().is_empty() {
            File {
                clients: Vec::new(),
            }
        } else {
            serde_saphyr::from_str(text).map_err(|e| invalid(e.to_string()))?
        };
        let mut grants = Vec::new();
        for c in file.clients {
            if c.identity.is_empty() {
                return Err(invalid("a client has an empty identity".to_owned()));
            }
            let operations = if c.operations.iter().any(|o| o == "*") {
                None
            } else {
                let mut ops = Vec::new();
                for o in &c.operations {
                    ops.push(Operation::parse(o).ok_or_else(|| {
                        invalid(format!(
                            "unknown operation {o:?} for {:?} (known: *, {})",
                            c.identity,
                            Operation::ALL.map(Operation::as_str).join(", ")
                        ))
                    })?);
                }
                Some(ops)
            };
            grants.push(Grant {
                identity: c.identity,
                namespaces: c.namespaces,
                operations,
            });
        }
        Ok(Policy {
            grants,
            allow_all: false,
        })
    }

    /// Reads an authorization file.
    ///
    /// Errors: [`Error::Authz`] when it cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Policy> {
        let text = fs_err::read_to_string(path).map_err(|e| Error::Authz {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Policy::from_yaml(&text, path)
    }

    /// The grants, in file order.
    pub fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// Whether `identity` may use `operation` in `namespace` (`""` is every namespace, which
    /// only a `*` grant covers; [`Operation::Version`] needs no namespace).
    ///
    /// Errors: the [`Denied`] reason.
    pub fn check(
        &self,
        identity: Option<&str>,
        operation: Operation,
        namespace: &str,
    ) -> Result<(), Denied> {
        if self.allow_all {
            return Ok(());
        }
        let identity = identity.ok_or(Denied::NoIdentity)?;
        let grants: Vec<&Grant> = self
            .grants
            .iter()
            .filter(|g| g.identity == identity)
            .collect();
        if grants.is_empty() {
            return Err(Denied::UnknownIdentity {
                identity: identity.to_owned(),
            });
        }
        let allowed = grants.iter().any(|g| {
            let op = g
                .operations
                .as_ref()
                .is_none_or(|ops| ops.contains(&operation));
            let ns = operation == Operation::Version
                || g.namespaces
                    .iter()
                    .any(|n| n == "*" || (!namespace.is_empty() && n == namespace));
            op && ns
        });
        if allowed {
            Ok(())
        } else {
            Err(Denied::NotAllowed {
                identity: identity.to_owned(),
                operation: operation.as_str(),
                namespace: if namespace.is_empty() {
                    "*".to_owned()
                } else {
                    namespace.to_owned()
                },
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Denied, Operation, Policy};

    const FILE: &str = "clients:
  - identity: alice
    namespaces: [a]
    operations: [install, list]
  - identity: root
    namespaces: ['*']
    operations: ['*']
";

    #[test]
    fn grants_by_identity_namespace_and_operation() {
        let p = Policy::from_yaml(FILE, Path::new("authz.yaml")).unwrap();
        assert_eq!(p.check(Some("alice"), Operation::Install, "a"), Ok(()));
        assert_eq!(
            p.check(Some("alice"), Operation::Install, "b"),
            Err(Denied::NotAllowed {
                identity: "alice".into(),
                operation: "install",
                namespace: "b".into()
            })
        );
        assert!(p.check(Some("alice"), Operation::Uninstall, "a").is_err());
        assert!(p.check(Some("alice"), Operation::List, "").is_err());
        assert_eq!(p.check(Some("root"), Operation::List, ""), Ok(()));
        assert_eq!(p.check(Some("root"), Operation::Test, "x"), Ok(()));
        assert_eq!(
            p.check(Some("mallory"), Operation::List, "a"),
            Err(Denied::UnknownIdentity {
                identity: "mallory".into()
            })
        );
        assert_eq!(
            p.check(None, Operation::Version, ""),
            Err(Denied::NoIdentity)
        );
    }

    #[test]
    fn unknown_operations_are_refused_when_loading() {
        let err = Policy::from_yaml(
            "clients: [{identity: a, namespaces: [x], operations: [deploy]}]",
            Path::new("authz.yaml"),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("unknown operation \"deploy\""),
            "{err}"
        );
    }

    #[test]
    fn allow_all_needs_no_identity() {
        assert_eq!(
            Policy::allow_all().check(None, Operation::Install, "x"),
            Ok(())
        );
    }
}
