//! `.Capabilities.APIVersions` from a live server, as Helm's `GetVersionSet` builds it: every
//! group version, and `GROUP/VERSION/Kind` for every resource of each, subresources included.

use rudder_kube::{Cluster, KubeClient, KubeOptions};

#[test]
#[expect(clippy::print_stderr, reason = "a skipped cluster test says so")]
fn api_versions_list_group_versions_and_kinds_with_subresources() {
    let Some(kubeconfig) = std::env::var_os("KUBECONFIG") else {
        eprintln!("api_versions: not run, KUBECONFIG is not set (tests/cluster/cluster up)");
        return;
    };
    let cluster = Cluster::connect(&KubeOptions {
        kubeconfig: KubeOptions::split_paths(&kubeconfig.to_string_lossy()),
        ..KubeOptions::default()
    })
    .unwrap();
    let versions = cluster.api_versions().unwrap();
    for expected in [
        "v1",
        "v1/ConfigMap",
        "apps/v1",
        "apps/v1/Deployment",
        // Kinds of subresources (deployments/scale, pods/eviction, serviceaccounts/token),
        // which client-go's discovery lists and Helm puts into the set.
        "apps/v1/Scale",
        "v1/Eviction",
        "v1/TokenRequest",
    ] {
        assert!(
            versions.iter().any(|v| v == expected),
            "{expected} missing from {versions:?}"
        );
    }
    let mut sorted = versions.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, versions, "sorted, without duplicates");
}
