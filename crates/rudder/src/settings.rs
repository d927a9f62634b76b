//! Settings: the global flags merged with the environment (Helm's `EnvSettings`).

use std::path::PathBuf;
use std::sync::OnceLock;

use rudder_kube::KubeOptions;

use crate::cli::GlobalArgs;
use crate::env::{self, Base};

/// The settings every command sees.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `-n`, `HELM_NAMESPACE`; empty when not given.
    pub namespace: Option<String>,
    /// `--kubeconfig`, `KUBECONFIG`.
    pub kube_config: Option<String>,
    /// Whether [`Settings::kube_config`] came from `--kubeconfig` (one file, which must exist)
    /// rather than `KUBECONFIG` (a `:`-separated list merged as client-go merges it).
    pub kube_config_from_flag: bool,
    /// `--kube-context`, `HELM_KUBECONTEXT`.
    pub kube_context: Option<String>,
    /// `--debug`, `HELM_DEBUG`.
    pub debug: bool,
    /// `--registry-config`, `HELM_REGISTRY_CONFIG`.
    pub registry_config: PathBuf,
    /// `--repository-config`, `HELM_REPOSITORY_CONFIG`.
    pub repository_config: PathBuf,
    /// `--repository-cache`, `HELM_REPOSITORY_CACHE`.
    pub repository_cache: PathBuf,
    /// `--content-cache`, `HELM_CONTENT_CACHE`.
    pub content_cache: PathBuf,
    /// `HELM_PLUGINS`.
    pub plugins_directory: PathBuf,
    /// `HELM_MAX_HISTORY`.
    pub max_history: i64,
    /// `--burst-limit`, `HELM_BURST_LIMIT`.
    pub burst_limit: i64,
    /// `--qps`, `HELM_QPS`.
    pub qps: f32,
    /// `--kube-token`, `HELM_KUBETOKEN`.
    pub kube_token: Option<String>,
    /// `--kube-as-user`, `HELM_KUBEASUSER`.
    pub kube_as_user: Option<String>,
    /// `--kube-as-group`, `HELM_KUBEASGROUPS`.
    pub kube_as_groups: Vec<String>,
    /// `--kube-apiserver`, `HELM_KUBEAPISERVER`.
    pub kube_apiserver: Option<String>,
    /// `--kube-ca-file`, `HELM_KUBECAFILE`.
    pub kube_ca_file: Option<String>,
    /// `--kube-tls-server-name`, `HELM_KUBETLS_SERVER_NAME`.
    pub kube_tls_server_name: Option<String>,
    /// `--kube-insecure-skip-tls-verify`, `HELM_KUBEINSECURE_SKIP_TLS_VERIFY`.
    pub kube_insecure_skip_tls_verify: bool,
    /// `HELM_DRIVER`: where releases are stored (empty means the default, `secret`).
    pub driver: String,
    /// `HELM_DRIVER_SQL_CONNECTION_STRING`, for the sql driver.
    pub sql_connection_string: String,
    /// `HELM_MEMORY_DRIVER_DATA`: release files preloaded into the memory driver.
    pub memory_driver_data: Option<String>,
    /// `RUDDER_TEST_TIME`: a fixed release clock for tests.
    pub test_time: Option<String>,
    /// The namespace after consulting the kubeconfig, computed on first use.
    resolved_namespace: OnceLock<String>,
    /// `--host`, `HELM_HOST`: a tiller that release commands go through.
    pub host: Option<String>,
    /// The TLS of the connection to tiller (`--tls`, `--tls-verify` and the files).
    pub tiller_tls: Option<rudder_proto::client::ClientTls>,
    /// `--color`, `HELM_COLOR`, `NO_COLOR`.
    #[expect(dead_code, reason = "read once commands print coloured status")]
    pub color: String,
}

impl Settings {
    /// Flags win over the environment, which wins over Helm's defaults.
    pub fn from_env(g: &GlobalArgs) -> Self {
        let path_or = |flag: &Option<PathBuf>, var: &str, base: Base, elem: &str| {
            flag.clone()
                .or_else(|| env::var(var).map(PathBuf::from))
                .unwrap_or_else(|| env::helm_path(base, elem))
        };
        let color = g.color.clone().unwrap_or_else(|| {
            if env::non_empty(env::NO_COLOR).is_some() {
                return "never".to_owned();
            }
            match env::var(env::HELM_COLOR)
                .map(|v| v.to_lowercase())
                .as_deref()
            {
                Some(v @ ("never" | "auto" | "always")) => v.to_owned(),
                _ => "auto".to_owned(),
            }
        });
        let groups = if g.kube_as_group.is_empty() {
            env::var(env::HELM_KUBEASGROUPS)
                .map(|v| {
                    let t = v.trim_matches(|c| c == ',' || c == ' ');
                    if t.is_empty() {
                        Vec::new()
                    } else {
                        t.split(',').map(str::to_owned).collect()
                    }
                })
                .unwrap_or_default()
        } else {
            g.kube_as_group.clone()
        };
        Settings {
            namespace: g
                .namespace
                .clone()
                .or_else(|| env::non_empty(env::HELM_NAMESPACE)),
            kube_config: g
                .kubeconfig
                .clone()
                .or_else(|| env::non_empty(env::KUBECONFIG)),
            kube_config_from_flag: g.kubeconfig.is_some(),
            kube_context: g
                .kube_context
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBECONTEXT)),
            debug: g.debug || env::bool_or(env::HELM_DEBUG, false),
            registry_config: path_or(
                &g.registry_config,
                env::HELM_REGISTRY_CONFIG,
                Base::Config,
                "registry/config.json",
            ),
            repository_config: path_or(
                &g.repository_config,
                env::HELM_REPOSITORY_CONFIG,
                Base::Config,
                "repositories.yaml",
            ),
            repository_cache: path_or(
                &g.repository_cache,
                env::HELM_REPOSITORY_CACHE,
                Base::Cache,
                "repository",
            ),
            content_cache: path_or(
                &g.content_cache,
                env::HELM_CONTENT_CACHE,
                Base::Cache,
                "content",
            ),
            plugins_directory: path_or(&None, env::HELM_PLUGINS, Base::Data, "plugins"),
            max_history: env::int_or(env::HELM_MAX_HISTORY, 10),
            burst_limit: g
                .burst_limit
                .unwrap_or_else(|| env::int_or(env::HELM_BURST_LIMIT, 100)),
            qps: g.qps.unwrap_or_else(|| {
                env::var(env::HELM_QPS)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0)
            }),
            kube_token: g
                .kube_token
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBETOKEN)),
            kube_as_user: g
                .kube_as_user
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBEASUSER)),
            kube_as_groups: groups,
            kube_apiserver: g
                .kube_apiserver
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBEAPISERVER)),
            kube_ca_file: g
                .kube_ca_file
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBECAFILE)),
            kube_tls_server_name: g
                .kube_tls_server_name
                .clone()
                .or_else(|| env::non_empty(env::HELM_KUBETLS_SERVER_NAME)),
            kube_insecure_skip_tls_verify: g.kube_insecure_skip_tls_verify
                || env::bool_or(env::HELM_KUBEINSECURE_SKIP_TLS_VERIFY, false),
            driver: env::var(env::HELM_DRIVER).unwrap_or_default(),
            sql_connection_string: env::var(env::HELM_DRIVER_SQL_CONNECTION_STRING)
                .unwrap_or_default(),
            memory_driver_data: env::var(env::HELM_MEMORY_DRIVER_DATA),
            test_time: env::non_empty(env::RUDDER_TEST_TIME),
            resolved_namespace: OnceLock::new(),
            host: g.host.clone().or_else(|| env::non_empty(env::HELM_HOST)),
            tiller_tls: tiller_tls(g),
            color,
        }
    }

    /// How to reach the cluster, from the `--kube-*` flags and `HELM_KUBE*` variables: the
    /// kubeconfig files as client-go's loading rules find them (`--kubeconfig`, else
    /// `KUBECONFIG` split on `:`, else `~/.kube/config`).
    ///
    /// As in client-go, only `--kubeconfig` must exist: missing files of `KUBECONFIG` and a
    /// missing `~/.kube/config` are left out (and with no file and no `--kube-apiserver`,
    /// Helm reports `kubernetes cluster unreachable`).
    pub fn kube_options(&self) -> KubeOptions {
        let kubeconfig = match &self.kube_config {
            Some(path) if self.kube_config_from_flag => vec![PathBuf::from(path)],
            Some(list) => KubeOptions::split_paths(list),
            None => KubeOptions::kubeconfig_paths(
                None,
                env::non_empty(env::HOME).map(PathBuf::from).as_deref(),
            ),
        };
        let kubeconfig = if self.kube_config_from_flag {
            kubeconfig
        } else {
            kubeconfig.into_iter().filter(|p| p.exists()).collect()
        };
        KubeOptions {
            kubeconfig,
            context: self.kube_context.clone(),
            namespace: self.namespace.clone(),
            api_server: self.kube_apiserver.clone(),
            token: self.kube_token.clone(),
            as_user: self.kube_as_user.clone(),
            as_groups: self.kube_as_groups.clone(),
            ca_file: self.kube_ca_file.as_ref().map(PathBuf::from),
            tls_server_name: self.kube_tls_server_name.clone(),
            insecure_skip_tls_verify: self.kube_insecure_skip_tls_verify,
        }
    }

    /// The namespace of the request, as Helm's `EnvSettings.Namespace()` picks it: `-n` or
    /// `HELM_NAMESPACE`, else the namespace of the kubeconfig's chosen context, else
    /// `default`. The kubeconfig is read once, and only when no namespace was given.
    pub fn namespace(&self) -> &str {
        if let Some(ns) = self.namespace.as_deref() {
            return ns;
        }
        self.resolved_namespace
            .get_or_init(|| rudder_kube::resolve_namespace(&self.kube_options()))
    }

    /// `helm env`'s variables, in Helm's names.
    pub fn env_vars(&self) -> Vec<(&'static str, String)> {
        let p = |p: &PathBuf| p.display().to_string();
        let mut vars = vec![
            (
                "HELM_BIN",
                std::env::args()
                    .next()
                    .unwrap_or_else(|| "rudder".to_owned()),
            ),
            ("HELM_BURST_LIMIT", self.burst_limit.to_string()),
            ("HELM_CACHE_HOME", p(&env::helm_path(Base::Cache, ""))),
            ("HELM_CONFIG_HOME", p(&env::helm_path(Base::Config, ""))),
            ("HELM_CONTENT_CACHE", p(&self.content_cache)),
            ("HELM_DATA_HOME", p(&env::helm_path(Base::Data, ""))),
            ("HELM_DEBUG", self.debug.to_string()),
            (
                "HELM_KUBEAPISERVER",
                self.kube_apiserver.clone().unwrap_or_default(),
            ),
            ("HELM_KUBEASGROUPS", self.kube_as_groups.join(",")),
            (
                "HELM_KUBEASUSER",
                self.kube_as_user.clone().unwrap_or_default(),
            ),
            (
                "HELM_KUBECAFILE",
                self.kube_ca_file.clone().unwrap_or_default(),
            ),
            (
                "HELM_KUBECONTEXT",
                self.kube_context.clone().unwrap_or_default(),
            ),
            (
                "HELM_KUBEINSECURE_SKIP_TLS_VERIFY",
                self.kube_insecure_skip_tls_verify.to_string(),
            ),
            (
                "HELM_KUBETLS_SERVER_NAME",
                self.kube_tls_server_name.clone().unwrap_or_default(),
            ),
            (
                "HELM_KUBETOKEN",
                self.kube_token.clone().unwrap_or_default(),
            ),
            ("HELM_MAX_HISTORY", self.max_history.to_string()),
            ("HELM_NAMESPACE", self.namespace().to_owned()),
            ("HELM_PLUGINS", p(&self.plugins_directory)),
            ("HELM_QPS", format!("{:.2}", self.qps)),
            ("HELM_REGISTRY_CONFIG", p(&self.registry_config)),
            ("HELM_REPOSITORY_CACHE", p(&self.repository_cache)),
            ("HELM_REPOSITORY_CONFIG", p(&self.repository_config)),
        ];
        // Helm's `--kubeconfig` flag defaults to "" and so hides `KUBECONFIG`: only the flag
        // shows (pkg/cli/environment.go, AddFlags).
        if let Some(k) = self
            .kube_config
            .as_ref()
            .filter(|_| self.kube_config_from_flag)
        {
            vars.push(("KUBECONFIG", k.clone()));
        }
        vars.sort_by(|a, b| a.0.cmp(b.0));
        vars
    }
}

/// Helm 2's client TLS flags and `HELM_TLS_*` variables; `None` without `--tls` or
/// `--tls-verify`. Files named in neither place stay unset (Helm 2 took them from
/// `$HELM_HOME`, which Helm 4 no longer has).
fn tiller_tls(g: &GlobalArgs) -> Option<rudder_proto::client::ClientTls> {
    let enabled = g.tls
        || g.tls_verify
        || env::bool_or(env::HELM_TLS_ENABLE, false)
        || env::bool_or(env::HELM_TLS_VERIFY, false);
    if !enabled {
        return None;
    }
    let path = |flag: &Option<PathBuf>, var: &str| {
        flag.clone()
            .or_else(|| env::non_empty(var).map(PathBuf::from))
    };
    Some(rudder_proto::client::ClientTls {
        ca_cert: path(&g.tls_ca_cert, env::HELM_TLS_CA_CERT),
        cert: path(&g.tls_cert, env::HELM_TLS_CERT),
        key: path(&g.tls_key, env::HELM_TLS_KEY),
        server_name: g
            .tls_hostname
            .clone()
            .or_else(|| env::non_empty(env::HELM_TLS_HOSTNAME)),
    })
}
