//! `rudder env`: the sandbox's homes show up as Helm names them (reviewed snapshot).

use crate::context;

#[test]
fn env_lists_helm_variables() {
    let mut ctx = context();
    ctx.env("HELM_NAMESPACE", "team");
    let all = ctx.run(&["env"]);
    assert_eq!(all.code, 0);
    insta::assert_snapshot!(all.stdout, @r#"
    HELM_BIN="[RUDDER]"
    HELM_BURST_LIMIT="100"
    HELM_CACHE_HOME="[TEMP]/cache"
    HELM_CONFIG_HOME="[TEMP]/config"
    HELM_CONTENT_CACHE="[TEMP]/cache/content"
    HELM_DATA_HOME="[TEMP]/data"
    HELM_DEBUG="false"
    HELM_KUBEAPISERVER=""
    HELM_KUBEASGROUPS=""
    HELM_KUBEASUSER=""
    HELM_KUBECAFILE=""
    HELM_KUBECONTEXT=""
    HELM_KUBEINSECURE_SKIP_TLS_VERIFY="false"
    HELM_KUBETLS_SERVER_NAME=""
    HELM_KUBETOKEN=""
    HELM_MAX_HISTORY="10"
    HELM_NAMESPACE="team"
    HELM_PLUGINS="[TEMP]/data/plugins"
    HELM_QPS="0.00"
    HELM_REGISTRY_CONFIG="[TEMP]/config/registry/config.json"
    HELM_REPOSITORY_CACHE="[TEMP]/cache/repository"
    HELM_REPOSITORY_CONFIG="[TEMP]/config/repositories.yaml"
    "#);
    let one = ctx.run(&["env", "HELM_DATA_HOME"]);
    insta::assert_snapshot!(one.stdout, @"[TEMP]/data");
}
