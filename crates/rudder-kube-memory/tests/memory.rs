//! Behaviour only the memory server can show quickly: pending and failing workloads,
//! namespaces that must exist, cascading deletes.

use std::time::Duration;

use rudder_kube::{Error, KubeClient, ObjectRef, Propagation, WaitOptions};
use rudder_kube_memory::{MemoryCluster, Simulation};
use serde_json::json;

const DEPLOYMENT: &str =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n";

#[test]
fn wait_times_out_on_pending_workloads() {
    let cluster = MemoryCluster::new();
    cluster.set_simulation(Simulation::Manual);
    let rs = cluster.build(DEPLOYMENT).unwrap();
    cluster.create(&rs[0]).unwrap();
    let options = WaitOptions {
        timeout: Duration::from_millis(30),
        wait_for_jobs: false,
    };
    let err = cluster.wait(&rs, &options).unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "resource Deployment/default/web not ready. status: InProgress, message: Deployment is not ready, observedGeneration does not match spec generation\ncontext deadline exceeded"
    );
    cluster
        .set_status(
            &rs[0].reference,
            json!({"observedGeneration": 1, "updatedReplicas": 3, "readyReplicas": 3}),
        )
        .unwrap();
    cluster.wait(&rs, &options).unwrap();
}

#[test]
fn failed_jobs_end_the_wait() {
    let cluster = MemoryCluster::new();
    cluster.set_simulation(Simulation::Manual);
    let rs = cluster
        .build(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hook\nspec:\n  backoffLimit: 0\n",
        )
        .unwrap();
    cluster.create(&rs[0]).unwrap();
    cluster
        .set_status(
            &rs[0].reference,
            json!({"failed": 1, "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}),
        )
        .unwrap();
    let err = cluster
        .wait_for_completion(&rs[0].reference, Duration::from_secs(5))
        .unwrap_err();
    assert_eq!(err.to_string(), "Job hook failed: BackoffLimitExceeded");
    let waited = cluster.wait(
        &rs,
        &WaitOptions {
            timeout: Duration::from_secs(5),
            wait_for_jobs: true,
        },
    );
    assert!(matches!(waited, Err(Error::Failed { .. })));
}

#[test]
fn objects_need_their_namespace() {
    let cluster = MemoryCluster::new().with_namespace("absent");
    let rs = cluster
        .build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
        .unwrap();
    assert_eq!(rs[0].reference.namespace.as_deref(), Some("absent"));
    let err = cluster.create(&rs[0]).unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.to_string(), "namespaces \"absent\" not found");
}

#[test]
fn deletes_cascade_through_owner_references_and_namespaces() {
    let cluster = MemoryCluster::new();
    let owner = cluster
        .create(&cluster.build(DEPLOYMENT).unwrap()[0])
        .unwrap();
    let uid = owner["metadata"]["uid"].clone();
    let child = |name: &str| {
        cluster
            .resource(json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {
                "name": name, "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": uid}]}}))
            .unwrap()
    };
    let rs = child("web-1");
    cluster.create(&rs).unwrap();
    let web = ObjectRef::new("apps/v1", "Deployment", Some("default"), "web");
    assert!(cluster.delete(&web, Propagation::Orphan).unwrap());
    let orphan = cluster.get(&rs.reference).unwrap().unwrap();
    // The garbage collector removes the reference; the empty list is omitted.
    assert!(
        orphan["metadata"].get("ownerReferences").is_none(),
        "{orphan}"
    );

    let owner = cluster
        .create(&cluster.build(DEPLOYMENT).unwrap()[0])
        .unwrap();
    let uid = owner["metadata"]["uid"].clone();
    let rs2 = cluster
        .resource(
            json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {
            "name": "web-2", "ownerReferences": [{"uid": uid}]}}),
        )
        .unwrap();
    cluster.create(&rs2).unwrap();
    assert!(cluster.delete(&web, Propagation::Background).unwrap());
    assert_eq!(cluster.get(&rs2.reference).unwrap(), None);

    let ns = cluster
        .build("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n")
        .unwrap();
    cluster.create(&ns[0]).unwrap();
    let team = MemoryCluster::new().with_namespace("team");
    let cm = team
        .build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
        .unwrap();
    cluster.create(&cm[0]).unwrap();
    assert!(cluster.get(&cm[0].reference).unwrap().is_some());
    cluster
        .delete(&ns[0].reference, Propagation::Background)
        .unwrap();
    assert_eq!(cluster.get(&cm[0].reference).unwrap(), None);
}

#[test]
fn updates_keep_status_and_bump_generation_on_spec_changes() {
    let cluster = MemoryCluster::new();
    let rs = cluster.build(DEPLOYMENT).unwrap();
    let created = cluster.create(&rs[0]).unwrap();
    assert_eq!(created["metadata"]["generation"], json!(1));
    assert_eq!(created["status"]["readyReplicas"], json!(3));
    let mut next = rs[0].clone();
    next.object["spec"]["replicas"] = json!(5);
    let updated = cluster.update(&next).unwrap();
    assert_eq!(updated["metadata"]["generation"], json!(2));
    assert_eq!(updated["metadata"]["uid"], created["metadata"]["uid"]);
    assert_eq!(updated["status"]["readyReplicas"], json!(5));
    let mut labels_only = updated.clone();
    labels_only["metadata"]["labels"] = json!({"a": "b"});
    let relabelled = cluster
        .update(&cluster.resource(labels_only).unwrap())
        .unwrap();
    assert_eq!(relabelled["metadata"]["generation"], json!(2));
}

#[test]
fn pod_logs_come_from_the_test() {
    let cluster = MemoryCluster::new();
    let pod = cluster
        .build("apiVersion: v1\nkind: Pod\nmetadata:\n  name: test-pod\n")
        .unwrap();
    assert!(
        cluster
            .pod_logs("default", "test-pod", None)
            .unwrap_err()
            .is_not_found()
    );
    cluster.create(&pod[0]).unwrap();
    assert_eq!(cluster.pod_logs("default", "test-pod", None).unwrap(), "");
    cluster.set_logs("default", "test-pod", "", "ok\n");
    assert_eq!(
        cluster.pod_logs("default", "test-pod", None).unwrap(),
        "ok\n"
    );
}
