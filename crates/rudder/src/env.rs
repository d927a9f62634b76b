//! Every environment variable Rudder reads, in one place (Helm's `pkg/cli/environment.go` and
//! `pkg/helmpath`). Nothing else in the workspace calls `std::env::var`.

use std::path::PathBuf;

/// Namespace scope for the request (`-n`).
pub const HELM_NAMESPACE: &str = "HELM_NAMESPACE";
/// Address of a tiller (`--host`, Helm 2's `HELM_HOST`): release commands go through it.
pub const HELM_HOST: &str = "HELM_HOST";
/// `--tls` (Helm 2): TLS to tiller.
pub const HELM_TLS_ENABLE: &str = "HELM_TLS_ENABLE";
/// `--tls-verify` (Helm 2): TLS to tiller, verifying its certificate.
pub const HELM_TLS_VERIFY: &str = "HELM_TLS_VERIFY";
/// `--tls-ca-cert` (Helm 2).
pub const HELM_TLS_CA_CERT: &str = "HELM_TLS_CA_CERT";
/// `--tls-cert` (Helm 2).
pub const HELM_TLS_CERT: &str = "HELM_TLS_CERT";
/// `--tls-key` (Helm 2).
pub const HELM_TLS_KEY: &str = "HELM_TLS_KEY";
/// `--tls-hostname` (Helm 2).
pub const HELM_TLS_HOSTNAME: &str = "HELM_TLS_HOSTNAME";
/// Maximum number of revisions kept per release.
pub const HELM_MAX_HISTORY: &str = "HELM_MAX_HISTORY";
/// Path(s) of the kubeconfig file(s).
pub const KUBECONFIG: &str = "KUBECONFIG";
/// Name of the kubeconfig context.
pub const HELM_KUBECONTEXT: &str = "HELM_KUBECONTEXT";
/// Bearer token for the API server.
pub const HELM_KUBETOKEN: &str = "HELM_KUBETOKEN";
/// User to impersonate.
pub const HELM_KUBEASUSER: &str = "HELM_KUBEASUSER";
/// Comma-separated groups to impersonate.
pub const HELM_KUBEASGROUPS: &str = "HELM_KUBEASGROUPS";
/// Address and port of the API server.
pub const HELM_KUBEAPISERVER: &str = "HELM_KUBEAPISERVER";
/// CA file for the API server.
pub const HELM_KUBECAFILE: &str = "HELM_KUBECAFILE";
/// Server name for the API server's certificate check.
pub const HELM_KUBETLS_SERVER_NAME: &str = "HELM_KUBETLS_SERVER_NAME";
/// Skip the API server's certificate check.
pub const HELM_KUBEINSECURE_SKIP_TLS_VERIFY: &str = "HELM_KUBEINSECURE_SKIP_TLS_VERIFY";
/// Release storage driver: secret (default), configmap, memory, sql.
pub const HELM_DRIVER: &str = "HELM_DRIVER";
/// PostgreSQL connection string of the sql driver.
pub const HELM_DRIVER_SQL_CONNECTION_STRING: &str = "HELM_DRIVER_SQL_CONNECTION_STRING";
/// `:`-separated YAML files of releases preloaded into the memory driver.
pub const HELM_MEMORY_DRIVER_DATA: &str = "HELM_MEMORY_DRIVER_DATA";
/// Rudder's test hook: an RFC 3339 time the release clock shows instead of the system's.
pub const RUDDER_TEST_TIME: &str = "RUDDER_TEST_TIME";
/// Plugins directory.
pub const HELM_PLUGINS: &str = "HELM_PLUGINS";
/// Registry credentials file.
pub const HELM_REGISTRY_CONFIG: &str = "HELM_REGISTRY_CONFIG";
/// Repositories file.
pub const HELM_REPOSITORY_CONFIG: &str = "HELM_REPOSITORY_CONFIG";
/// Repository index cache directory.
pub const HELM_REPOSITORY_CACHE: &str = "HELM_REPOSITORY_CACHE";
/// Content (chart) cache directory.
pub const HELM_CONTENT_CACHE: &str = "HELM_CONTENT_CACHE";
/// Client-side throttling burst.
pub const HELM_BURST_LIMIT: &str = "HELM_BURST_LIMIT";
/// Queries per second to the API server.
pub const HELM_QPS: &str = "HELM_QPS";
/// Colour mode: never, auto, always.
pub const HELM_COLOR: &str = "HELM_COLOR";
/// Any non-empty value disables colour.
pub const NO_COLOR: &str = "NO_COLOR";
/// Verbose output.
pub const HELM_DEBUG: &str = "HELM_DEBUG";
/// Base of Helm's cache paths.
pub const HELM_CACHE_HOME: &str = "HELM_CACHE_HOME";
/// Base of Helm's config paths.
pub const HELM_CONFIG_HOME: &str = "HELM_CONFIG_HOME";
/// Base of Helm's data paths.
pub const HELM_DATA_HOME: &str = "HELM_DATA_HOME";
/// XDG cache base.
pub const XDG_CACHE_HOME: &str = "XDG_CACHE_HOME";
/// XDG config base.
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
/// XDG data base.
pub const XDG_DATA_HOME: &str = "XDG_DATA_HOME";
/// The user's home directory.
pub const HOME: &str = "HOME";
/// GnuPG's home; Helm's default keyring is `$GNUPGHOME/pubring.gpg`.
pub const GNUPGHOME: &str = "GNUPGHOME";

/// Helm's default `--keyring`: `$GNUPGHOME/pubring.gpg` when set (even empty), else
/// `~/.gnupg/pubring.gpg` (helm/helm `pkg/cmd/dependency_build.go`, `defaultKeyring`).
pub fn default_keyring() -> PathBuf {
    match std::env::var_os(GNUPGHOME) {
        Some(v) => PathBuf::from(v).join("pubring.gpg"),
        None => PathBuf::from(var(HOME).unwrap_or_default())
            .join(".gnupg")
            .join("pubring.gpg"),
    }
}

/// Reads a variable; unset and non-UTF-8 values are both `None`.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Reads a variable, treating an empty value as unset.
pub fn non_empty(name: &str) -> Option<String> {
    var(name).filter(|v| !v.is_empty())
}

/// Go's `strconv.ParseBool` of a variable, `default` when unset or invalid.
pub fn bool_or(name: &str, default: bool) -> bool {
    match var(name).as_deref() {
        Some("1" | "t" | "T" | "TRUE" | "true" | "True") => true,
        Some("0" | "f" | "F" | "FALSE" | "false" | "False") => false,
        _ => default,
    }
}

/// An integer variable, `default` when unset or invalid.
pub fn int_or(name: &str, default: i64) -> i64 {
    var(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Which of Helm's three base directories.
#[derive(Clone, Copy, Debug)]
pub enum Base {
    /// `HELM_CACHE_HOME`, `XDG_CACHE_HOME/helm`, `~/.cache/helm`
    Cache,
    /// `HELM_CONFIG_HOME`, `XDG_CONFIG_HOME/helm`, `~/.config/helm`
    Config,
    /// `HELM_DATA_HOME`, `XDG_DATA_HOME/helm`, `~/.local/share/helm`
    Data,
}

/// A path under one of Helm's base directories, resolved as Helm's `helmpath` does: the
/// `HELM_*_HOME` variable, else the XDG variable plus `helm`, else the OS default plus `helm`.
pub fn helm_path(base: Base, elem: &str) -> PathBuf {
    let (helm_var, xdg_var, default) = match base {
        Base::Cache => (HELM_CACHE_HOME, XDG_CACHE_HOME, ".cache"),
        Base::Config => (HELM_CONFIG_HOME, XDG_CONFIG_HOME, ".config"),
        Base::Data => (HELM_DATA_HOME, XDG_DATA_HOME, ".local/share"),
    };
    let mut path = if let Some(b) = non_empty(helm_var) {
        PathBuf::from(b)
    } else {
        let root = non_empty(xdg_var).map_or_else(
            || PathBuf::from(var(HOME).unwrap_or_default()).join(default),
            PathBuf::from,
        );
        root.join("helm")
    };
    if !elem.is_empty() {
        path.push(elem);
    }
    path
}
