//! Errors of cluster access.

use std::path::PathBuf;
use std::time::Duration;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure talking to the cluster or understanding what it returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A kubeconfig file could not be read or parsed.
    #[error("failed to load kubeconfig {path}")]
    Kubeconfig {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// `--kube-ca-file` could not be read or holds no PEM certificate.
    #[error("failed to read certificate authority file {path}")]
    CaFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The client configuration (context, cluster, credentials) is unusable.
    #[error("invalid kubernetes client configuration: {message}")]
    Config {
        /// What is wrong, in kube-rs's words.
        message: String,
    },
    /// A manifest is not YAML that describes Kubernetes objects.
    #[error("error parsing manifest document {document}: {message}")]
    Manifest {
        /// 1-based index of the YAML document.
        document: usize,
        /// The parser's words.
        message: String,
    },
    /// An object lacks `apiVersion`, `kind` or `metadata.name`.
    #[error("object is missing {field}")]
    MissingField {
        /// The JSON path of the field.
        field: &'static str,
    },
    /// The cluster knows no resource for this group, version and kind (Helm's
    /// `resource mapping not found for name: ... no matches for kind ...`).
    #[error(
        "resource mapping not found for name: {name:?} namespace: {namespace:?}: no matches for kind {kind:?} in version {api_version:?}"
    )]
    NoMatch {
        /// `apiVersion` asked for.
        api_version: String,
        /// `kind` asked for.
        kind: String,
        /// The object's name, if any.
        name: String,
        /// The object's namespace, if any.
        namespace: String,
    },
    /// The object exists already (HTTP 409 `AlreadyExists` on create).
    #[error("{message}")]
    AlreadyExists {
        /// Kind of the object.
        kind: String,
        /// Name of the object.
        name: String,
        /// The server's message (`configmaps "a" already exists`).
        message: String,
    },
    /// The object was not found.
    #[error("{message}")]
    NotFound {
        /// Kind of the object.
        kind: String,
        /// Name of the object.
        name: String,
        /// The server's message (`configmaps "a" not found`).
        message: String,
    },
    /// An update carried a stale `resourceVersion`, or server-side apply met fields owned by
    /// another manager (HTTP 409 `Conflict`).
    #[error("{message}")]
    Conflict {
        /// The server's message (names the fields and managers for apply conflicts).
        message: String,
    },
    /// The API server refused the request for another reason.
    #[error("{message}")]
    Api {
        /// HTTP status code.
        code: u16,
        /// The server's `reason` (`Invalid`, `Forbidden`, ...).
        reason: String,
        /// The server's message.
        message: String,
    },
    /// The server did not answer the reachability probe (`/version`). The message is in
    /// client-go's words, as Helm's `kubernetes cluster unreachable: ...` ends:
    /// `Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused`.
    #[error("{message}")]
    Unreachable {
        /// client-go's message.
        message: String,
    },
    /// The request did not reach the server or its answer could not be read.
    #[error("kubernetes request failed")]
    Transport {
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Waiting ran out of time. Displayed as Helm 4's status waiter words it
    /// (`pkg/kube/statuswait.go`): one line per resource, then `context deadline exceeded`.
    #[error("{}", timeout_message(pending))]
    Timeout {
        /// The resources still not ready (or still present, or not completed).
        pending: Vec<Pending>,
        /// The timeout that ran out.
        timeout: Duration,
    },
    /// A Job or Pod that was waited for failed.
    #[error("{kind} {name} failed: {reason}")]
    Failed {
        /// `Job` or `Pod`.
        kind: String,
        /// Name of the object.
        name: String,
        /// The failure condition's reason or message.
        reason: String,
    },
    /// A step of a multi-resource operation failed; Helm wraps the cause with this context
    /// (`failed to create resource`, `server-side apply failed for object ...`).
    #[error("{context}")]
    Step {
        /// Helm's words for the step.
        context: String,
        /// The cause.
        #[source]
        source: Box<Error>,
    },
    /// Several resources failed; Helm joins their messages with ` && `. Each message is
    /// shown with its causes, because the causes of several errors cannot be walked as one.
    #[error("{}", errors.iter().map(|e| chain(e)).collect::<Vec<_>>().join(" && "))]
    Several {
        /// The failures, in resource order.
        errors: Vec<Error>,
    },
    /// Update options Helm refuses together (`invalid operation: cannot use server-side
    /// apply and force replace together`), in Helm's words.
    #[error("{message}")]
    InvalidUpdate {
        /// Helm's message.
        message: &'static str,
    },
    /// A client-side patch could not be computed or applied (the words of k8s.io/apimachinery's
    /// strategic merge code).
    #[error(transparent)]
    Patch(#[from] crate::merge::PatchError),
    /// A feature Rudder does not have yet.
    #[error("not implemented yet: {what}")]
    Unsupported {
        /// What is missing.
        what: &'static str,
    },
}

/// A resource a wait gave up on, with its state in Helm's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// The resource.
    pub reference: crate::ObjectRef,
    /// `not ready` or `still exists`.
    pub state: &'static str,
    /// kstatus's status (`InProgress`, `Current`, `NotFound`).
    pub status: &'static str,
    /// Why, from the readiness rules.
    pub message: String,
}

/// The resource (plural, lowercase) the API serves a kind under, by the rule the API's
/// own names follow (`ConfigMap` → `configmaps`, `Ingress` → `ingresses`,
/// `NetworkPolicy` → `networkpolicies`). CRDs may choose other names.
pub fn resource_name(kind: &str) -> String {
    let lower = kind.to_lowercase();
    if let Some(stem) = lower
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if lower.ends_with('s') || lower.ends_with("ch") || lower.ends_with('x') {
        format!("{lower}es")
    } else {
        format!("{lower}s")
    }
}

/// An error with its causes, `: `-separated, as Go's `%w` wrapping prints it.
pub fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}

fn timeout_message(pending: &[Pending]) -> String {
    let mut lines: Vec<String> = pending
        .iter()
        .map(|p| {
            let r = &p.reference;
            format!(
                "resource {}/{}/{} {}. status: {}, message: {}",
                r.kind,
                r.namespace.as_deref().unwrap_or_default(),
                r.name,
                p.state,
                p.status,
                p.message
            )
        })
        .collect();
    lines.push("context deadline exceeded".to_owned());
    lines.join("\n")
}

impl Error {
    /// [`Error::NotFound`] worded as the API server words it.
    pub fn not_found(kind: &str, name: &str) -> Self {
        Error::NotFound {
            kind: kind.to_owned(),
            name: name.to_owned(),
            message: format!("{} {name:?} not found", resource_name(kind)),
        }
    }

    /// [`Error::AlreadyExists`] worded as the API server words it.
    pub fn already_exists(kind: &str, name: &str) -> Self {
        Error::AlreadyExists {
            kind: kind.to_owned(),
            name: name.to_owned(),
            message: format!("{} {name:?} already exists", resource_name(kind)),
        }
    }

    /// True for [`Error::NotFound`] (Helm's `apierrors.IsNotFound`).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }

    /// True for [`Error::Conflict`] (Helm's `apierrors.IsConflict`).
    pub fn is_conflict(&self) -> bool {
        matches!(self, Error::Conflict { .. })
    }

    /// True for [`Error::AlreadyExists`] (Helm's `apierrors.IsAlreadyExists`).
    pub fn is_already_exists(&self) -> bool {
        matches!(self, Error::AlreadyExists { .. })
    }
}
