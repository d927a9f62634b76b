//! Connection options: Helm's kube flags, filled by the CLI.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// How to reach the cluster: Helm's `EnvSettings` kube fields (`--kubeconfig`,
/// `--kube-context`, `--kube-apiserver`, ...). The CLI fills it from flags and the
/// environment; this crate never reads the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KubeOptions {
    /// Kubeconfig files merged in order, first wins (`--kubeconfig`, or `KUBECONFIG` split
    /// on `:`, or `~/.kube/config`). The CLI resolves the default; empty means no file.
    pub kubeconfig: Vec<PathBuf>,
    /// `--kube-context`; `None` uses the kubeconfig's `current-context`.
    pub context: Option<String>,
    /// `-n`, `--namespace`; `None` uses the context's namespace, or `default`.
    pub namespace: Option<String>,
    /// `--kube-apiserver`: the server's address, overriding the kubeconfig's.
    pub api_server: Option<String>,
    /// `--kube-token`: a bearer token, overriding the kubeconfig's credentials.
    pub token: Option<String>,
    /// `--kube-as-user`: the user to impersonate.
    pub as_user: Option<String>,
    /// `--kube-as-group`: the groups to impersonate.
    pub as_groups: Vec<String>,
    /// `--kube-ca-file`: the certificate authority file for the server's certificate.
    pub ca_file: Option<PathBuf>,
    /// `--kube-tls-server-name`: the name to verify the server's certificate against.
    pub tls_server_name: Option<String>,
    /// `--kube-insecure-skip-tls-verify`.
    pub insecure_skip_tls_verify: bool,
}

impl KubeOptions {
    /// The kubeconfig files client-go's loading rules read: `--kubeconfig` (or, when the
    /// flag is absent, `KUBECONFIG`) split on `:`, else `HOME/.kube/config`. The CLI passes
    /// what it read from its flags and environment.
    pub fn kubeconfig_paths(
        flag_or_env: Option<&str>,
        home: Option<&std::path::Path>,
    ) -> Vec<PathBuf> {
        match flag_or_env.filter(|v| !v.is_empty()) {
            Some(list) => Self::split_paths(list),
            None => home
                .map(|h| vec![h.join(".kube").join("config")])
                .unwrap_or_default(),
        }
    }

    /// Splits a `KUBECONFIG`-style path list (`:`-separated; empty entries skipped), for
    /// the CLI.
    pub fn split_paths(list: &str) -> Vec<PathBuf> {
        list.split(':')
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect()
    }
}

/// Reads and merges kubeconfig files as client-go's loading rules do: the first file to set a
/// map entry (context, cluster, user) or `current-context` wins. Of a list of several, missing
/// files are skipped; a single named file must exist. `None` when no file was read.
///
/// Errors: [`Error::Kubeconfig`] naming the file that could not be read, parsed or merged.
pub fn load_kubeconfig(paths: &[PathBuf]) -> Result<Option<kube::config::Kubeconfig>> {
    let mut merged: Option<kube::config::Kubeconfig> = None;
    for path in paths {
        if paths.len() > 1 && !path.exists() {
            continue;
        }
        // kube-rs's errors repeat their cause in their own text: keep the text only, so that
        // a reporter walking the chain does not print the cause twice.
        let flat = |e: kube::config::KubeconfigError| Error::Kubeconfig {
            path: path.clone(),
            source: e.to_string().into(),
        };
        if !path.exists() {
            return Err(Error::Kubeconfig {
                path: path.clone(),
                source: Box::new(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                )),
            });
        }
        let file = kube::config::Kubeconfig::read_from(path).map_err(flat)?;
        merged = Some(match merged {
            None => file,
            Some(m) => m.merge(file).map_err(flat)?,
        });
    }
    Ok(merged)
}

/// The namespace of the request without connecting: the flag, else the chosen context's
/// namespace in the kubeconfig files, else `default`. Unreadable files count as absent, as in
/// Helm's `EnvSettings.Namespace()`, which ignores the loader's error.
pub fn resolve_namespace(options: &KubeOptions) -> String {
    if let Some(ns) = options.namespace.as_deref().filter(|n| !n.is_empty()) {
        return ns.to_owned();
    }
    namespace(
        options,
        load_kubeconfig(&options.kubeconfig).ok().flatten().as_ref(),
    )
}

/// The namespace Helm's `EnvSettings.Namespace()` picks: the flag, else the namespace of
/// the chosen context in the merged kubeconfig, else `default`.
pub fn namespace(options: &KubeOptions, kubeconfig: Option<&kube::config::Kubeconfig>) -> String {
    if let Some(ns) = options.namespace.as_deref().filter(|n| !n.is_empty()) {
        return ns.to_owned();
    }
    kubeconfig
        .and_then(|kc| {
            let name = options
                .context
                .as_deref()
                .or(kc.current_context.as_deref())?;
            kc.contexts
                .iter()
                .find(|c| c.name == name)?
                .context
                .as_ref()?
                .namespace
                .clone()
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "default".to_owned())
}

#[cfg(test)]
mod tests {
    use super::{KubeOptions, namespace};

    #[test]
    fn namespace_comes_from_flag_then_context() {
        let kc = kube::config::Kubeconfig::from_yaml(
            "apiVersion: v1\nkind: Config\ncurrent-context: a\ncontexts:\n- name: a\n  context: {cluster: c, namespace: team}\n- name: b\n  context: {cluster: c}\nclusters: []\nusers: []\n",
        )
        .unwrap();
        let mut o = KubeOptions::default();
        assert_eq!(namespace(&o, Some(&kc)), "team");
        o.context = Some("b".to_owned());
        assert_eq!(namespace(&o, Some(&kc)), "default");
        o.namespace = Some("mine".to_owned());
        assert_eq!(namespace(&o, Some(&kc)), "mine");
        assert_eq!(namespace(&KubeOptions::default(), None), "default");
        assert_eq!(KubeOptions::split_paths("/a::/b").len(), 2);
        let home = std::path::Path::new("/home/me");
        assert_eq!(
            KubeOptions::kubeconfig_paths(None, Some(home)),
            [home.join(".kube/config")]
        );
        assert_eq!(
            KubeOptions::kubeconfig_paths(Some("/x"), Some(home)),
            [std::path::PathBuf::from("/x")]
        );
    }
}
