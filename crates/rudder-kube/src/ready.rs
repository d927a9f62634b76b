//! Helm's readiness rules per kind (helm/helm `pkg/kube/ready.go`), evaluated on an object's
//! current JSON so that every `KubeClient` shares them.
//!
//! Helm reads a Deployment's newest ReplicaSet and a ReplicaSet's Pods; these rules read the
//! status fields the controllers copy from them (`updatedReplicas`, `readyReplicas`), which
//! agree once the controllers have observed the current generation.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::object::{int_at, str_at, value_at};

/// Whether an object is ready, and if not, what it waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// Ready (or a kind without readiness rules).
    Ready,
    /// Not ready yet; the text says why (used in timeout messages).
    NotReady(String),
}

/// Helm's `ReadyChecker.IsReady` for `object` (the current state from the server).
/// `wait_for_jobs` is `--wait-for-jobs`: without it a Job is ready as soon as it exists.
/// `paused_as_ready` makes a paused Deployment ready (Helm does for `--wait`).
///
/// Errors: a Job that failed more often than its `backoffLimit` ([`Error::Failed`]).
pub fn readiness(object: &Value, wait_for_jobs: bool, paused_as_ready: bool) -> Result<Readiness> {
    let kind = str_at(object, &["kind"]).unwrap_or_default();
    let group = str_at(object, &["apiVersion"])
        .and_then(|v| v.split_once('/'))
        .map_or("", |(g, _)| g);
    let not = |why: &str| Ok(Readiness::NotReady(why.to_owned()));
    let generation_observed = || {
        int_at(object, &["status", "observedGeneration"]).unwrap_or(0)
            == int_at(object, &["metadata", "generation"]).unwrap_or(0)
    };
    match (group, kind) {
        ("", "Pod") => {
            // Helm 4's status waiter (kstatus) also counts a Pod that ran to completion.
            if condition_true(object, "Ready")
                || str_at(object, &["status", "phase"]) == Some("Succeeded")
            {
                Ok(Readiness::Ready)
            } else {
                not("Pod is not ready")
            }
        }
        ("batch", "Job") if wait_for_jobs => {
            let failed = int_at(object, &["status", "failed"]).unwrap_or(0);
            let backoff = int_at(object, &["spec", "backoffLimit"]).unwrap_or(6);
            if failed > backoff {
                return Err(Error::Failed {
                    kind: "Job".to_owned(),
                    name: name_of(object),
                    reason: "BackoffLimitExceeded".to_owned(),
                });
            }
            let completions = int_at(object, &["spec", "completions"]);
            let succeeded = int_at(object, &["status", "succeeded"]).unwrap_or(0);
            match completions {
                Some(c) if succeeded < c => not("Job is not completed"),
                _ => Ok(Readiness::Ready),
            }
        }
        ("apps", "Deployment") => {
            if value_at(object, &["spec", "paused"]) == Some(&Value::Bool(true)) {
                return if paused_as_ready {
                    Ok(Readiness::Ready)
                } else {
                    not("Deployment is paused")
                };
            }
            if !generation_observed() {
                return not(
                    "Deployment is not ready, observedGeneration does not match spec generation",
                );
            }
            let replicas = int_at(object, &["spec", "replicas"]).unwrap_or(1);
            let updated = int_at(object, &["status", "updatedReplicas"]).unwrap_or(0);
            let ready = int_at(object, &["status", "readyReplicas"]).unwrap_or(0);
            let expected = replicas - deployment_max_unavailable(object, replicas);
            if updated < expected || ready < expected {
                return not("Deployment does not have enough pods ready");
            }
            Ok(Readiness::Ready)
        }
        ("", "PersistentVolumeClaim") => {
            if str_at(object, &["status", "phase"]) == Some("Bound") {
                Ok(Readiness::Ready)
            } else {
                not("PersistentVolumeClaim is not bound")
            }
        }
        ("", "Service") => {
            let kind = str_at(object, &["spec", "type"]).unwrap_or("ClusterIP");
            if kind == "ExternalName" {
                return Ok(Readiness::Ready);
            }
            if str_at(object, &["spec", "clusterIP"])
                .unwrap_or_default()
                .is_empty()
            {
                return not("Service does not have cluster IP address");
            }
            if kind == "LoadBalancer"
                && value_at(object, &["spec", "externalIPs"])
                    .and_then(Value::as_array)
                    .is_none_or(Vec::is_empty)
                && value_at(object, &["status", "loadBalancer", "ingress"]).is_none()
            {
                return not("Service does not have load balancer ingress IP address");
            }
            Ok(Readiness::Ready)
        }
        ("apps", "DaemonSet") => {
            if !generation_observed() {
                return not(
                    "DaemonSet is not ready, observedGeneration does not match spec generation",
                );
            }
            if str_at(object, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate")
                != "RollingUpdate"
            {
                return Ok(Readiness::Ready);
            }
            let desired = int_at(object, &["status", "desiredNumberScheduled"]).unwrap_or(0);
            let updated = int_at(object, &["status", "updatedNumberScheduled"]).unwrap_or(0);
            if updated != desired {
                return not("DaemonSet does not have enough Pods scheduled");
            }
            let max_unavailable = value_at(
                object,
                &["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"],
            )
            .map_or(Some(1), |v| scaled(v, desired, true))
            .unwrap_or(desired);
            if int_at(object, &["status", "numberReady"]).unwrap_or(0) < desired - max_unavailable {
                return not("DaemonSet does not have enough Pods ready");
            }
            Ok(Readiness::Ready)
        }
        ("apiextensions.k8s.io", "CustomResourceDefinition") => {
            let conditions = value_at(object, &["status", "conditions"])
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let established = conditions.iter().any(|c| {
                let (t, s) = (str_at(c, &["type"]), str_at(c, &["status"]));
                (t == Some("Established") && s == Some("True"))
                    || (t == Some("NamesAccepted") && s == Some("False"))
            });
            if established {
                Ok(Readiness::Ready)
            } else {
                not("CustomResourceDefinition is not established")
            }
        }
        ("apps", "StatefulSet") => {
            if !generation_observed() {
                return not(
                    "StatefulSet is not ready, observedGeneration does not match spec generation",
                );
            }
            if str_at(object, &["spec", "updateStrategy", "type"]).unwrap_or("RollingUpdate")
                != "RollingUpdate"
            {
                return Ok(Readiness::Ready);
            }
            let partition = int_at(
                object,
                &["spec", "updateStrategy", "rollingUpdate", "partition"],
            )
            .unwrap_or(0);
            let replicas = int_at(object, &["spec", "replicas"]).unwrap_or(1);
            if int_at(object, &["status", "updatedReplicas"]).unwrap_or(0) < replicas - partition {
                return not("StatefulSet does not have enough Pods scheduled");
            }
            if int_at(object, &["status", "readyReplicas"]).unwrap_or(0) != replicas {
                return not("StatefulSet does not have enough Pods ready");
            }
            if partition == 0
                && str_at(object, &["status", "currentRevision"])
                    != str_at(object, &["status", "updateRevision"])
            {
                return not(
                    "StatefulSet is not ready, currentRevision does not match updateRevision",
                );
            }
            Ok(Readiness::Ready)
        }
        ("", "ReplicationController") | ("apps", "ReplicaSet") => {
            if !generation_observed() {
                return not(
                    "ReplicaSet is not ready, observedGeneration does not match spec generation",
                );
            }
            let replicas = int_at(object, &["spec", "replicas"]).unwrap_or(1);
            if int_at(object, &["status", "readyReplicas"]).unwrap_or(0) < replicas {
                return not("ReplicaSet does not have enough pods ready");
            }
            Ok(Readiness::Ready)
        }
        _ => Ok(Readiness::Ready),
    }
}

/// Whether a hook's Job or Pod has finished (Helm's `watchUntilReady`): `Ok(true)` when it
/// succeeded, `Ok(false)` while it runs; other kinds are done at once.
///
/// Errors: [`Error::Failed`] when the Job has a `Failed` condition or the Pod's phase is
/// `Failed`.
pub fn completion(object: &Value) -> Result<bool> {
    let kind = str_at(object, &["kind"]).unwrap_or_default();
    match kind {
        "Job" => {
            if condition_true(object, "Complete") {
                return Ok(true);
            }
            if let Some(c) =
                condition(object, "Failed").filter(|c| str_at(c, &["status"]) == Some("True"))
            {
                return Err(Error::Failed {
                    kind: "Job".to_owned(),
                    name: name_of(object),
                    reason: str_at(c, &["reason"]).unwrap_or_default().to_owned(),
                });
            }
            Ok(false)
        }
        "Pod" => match str_at(object, &["status", "phase"]) {
            Some("Succeeded") => Ok(true),
            Some("Failed") => Err(Error::Failed {
                kind: "Pod".to_owned(),
                name: name_of(object),
                reason: "pod failed".to_owned(),
            }),
            _ => Ok(false),
        },
        _ => Ok(true),
    }
}

fn name_of(object: &Value) -> String {
    str_at(object, &["metadata", "name"])
        .unwrap_or_default()
        .to_owned()
}

fn condition<'a>(object: &'a Value, kind: &str) -> Option<&'a Value> {
    value_at(object, &["status", "conditions"])?
        .as_array()?
        .iter()
        .find(|c| str_at(c, &["type"]) == Some(kind))
}

fn condition_true(object: &Value, kind: &str) -> bool {
    condition(object, kind).is_some_and(|c| str_at(c, &["status"]) == Some("True"))
}

/// `deploymentutil.MaxUnavailable`: 0 for `Recreate`, else `maxUnavailable` (default 25%)
/// scaled down, at most `replicas`.
fn deployment_max_unavailable(object: &Value, replicas: i64) -> i64 {
    if str_at(object, &["spec", "strategy", "type"]) == Some("Recreate") || replicas == 0 {
        return 0;
    }
    let v = value_at(
        object,
        &["spec", "strategy", "rollingUpdate", "maxUnavailable"],
    )
    .cloned()
    .unwrap_or_else(|| Value::String("25%".to_owned()));
    scaled(&v, replicas, false).unwrap_or(0).min(replicas)
}

/// `intstr.GetScaledValueFromIntOrPercent`.
fn scaled(v: &Value, total: i64, round_up: bool) -> Option<i64> {
    if let Some(i) = v.as_i64() {
        return Some(i);
    }
    let pct: i64 = v.as_str()?.strip_suffix('%')?.parse().ok()?;
    let product = pct * total;
    Some(if round_up {
        (product + 99) / 100
    } else {
        product / 100
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Readiness, completion, readiness};

    fn ready(v: &serde_json::Value) -> bool {
        readiness(v, true, true).unwrap() == Readiness::Ready
    }

    #[test]
    fn deployments_need_observed_generation_and_ready_pods() {
        let mut d = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "d", "generation": 2},
            "spec": {"replicas": 4},
            "status": {"observedGeneration": 1, "updatedReplicas": 4, "readyReplicas": 4}});
        assert!(!ready(&d));
        d["status"]["observedGeneration"] = json!(2);
        assert!(ready(&d));
        // 25% of 4 may be unavailable.
        d["status"]["readyReplicas"] = json!(3);
        assert!(ready(&d));
        d["status"]["readyReplicas"] = json!(2);
        assert!(!ready(&d));
        d["spec"]["paused"] = json!(true);
        assert!(ready(&d));
    }

    #[test]
    fn jobs_wait_only_with_wait_for_jobs() {
        let j = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
            "spec": {"completions": 1, "backoffLimit": 0}, "status": {}});
        assert_eq!(readiness(&j, false, true).unwrap(), Readiness::Ready);
        assert!(!ready(&j));
        let mut failed = j.clone();
        failed["status"]["failed"] = json!(1);
        assert!(readiness(&failed, true, true).is_err());
    }

    #[test]
    fn services_crds_and_claims() {
        let s = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
            "spec": {"type": "LoadBalancer", "clusterIP": "10.0.0.1"}});
        assert!(!ready(&s));
        let crd = json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "c"}, "status": {"conditions": [{"type": "Established", "status": "True"}]}});
        assert!(ready(&crd));
        let pvc = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "p"},
            "status": {"phase": "Pending"}});
        assert!(!ready(&pvc));
        assert!(ready(&json!({"apiVersion": "v1", "kind": "ConfigMap"})));
    }

    #[test]
    fn hooks_complete_or_fail() {
        let j = json!({"kind": "Job", "metadata": {"name": "j"},
            "status": {"conditions": [{"type": "Failed", "status": "True", "reason": "DeadlineExceeded"}]}});
        assert_eq!(
            completion(&j).unwrap_err().to_string(),
            "Job j failed: DeadlineExceeded"
        );
        let p = json!({"kind": "Pod", "status": {"phase": "Succeeded"}});
        assert!(completion(&p).unwrap());
    }
}
