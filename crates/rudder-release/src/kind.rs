//! Helm's ordering of resources by kind (`pkg/release/v1/util/kind_sorter.go`).

use std::cmp::Ordering;
use std::collections::HashMap;

/// The order in which Helm installs kinds; kinds not listed come last, alphabetically.
pub const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// The order in which Helm uninstalls kinds: webhooks first, namespaces last.
pub const UNINSTALL_ORDER: &[&str] = &[
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "APIService",
    "Ingress",
    "IngressClass",
    "Service",
    "CronJob",
    "Job",
    "StatefulSet",
    "HorizontalPodAutoscaler",
    "Deployment",
    "ReplicaSet",
    "ReplicationController",
    "Pod",
    "DaemonSet",
    "RoleBindingList",
    "RoleBinding",
    "RoleList",
    "Role",
    "ClusterRoleBindingList",
    "ClusterRoleBinding",
    "ClusterRoleList",
    "ClusterRole",
    "CustomResourceDefinition",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "StorageClass",
    "ConfigMap",
    "SecretList",
    "Secret",
    "ServiceAccount",
    "PodDisruptionBudget",
    "PodSecurityPolicy",
    "LimitRange",
    "ResourceQuota",
    "NetworkPolicy",
    "Namespace",
    "PriorityClass",
];

/// Compares kinds by an ordering: listed kinds by position, unknown kinds after them in
/// alphabetical order. Equal results keep input order when used with a stable sort.
pub struct KindOrder {
    rank: HashMap<&'static str, usize>,
}

impl KindOrder {
    /// An ordering from a list such as [`INSTALL_ORDER`].
    pub fn new(order: &[&'static str]) -> Self {
        KindOrder {
            rank: order.iter().enumerate().map(|(i, k)| (*k, i)).collect(),
        }
    }

    /// Helm's `lessByKind` as an [`Ordering`].
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match (self.rank.get(a), self.rank.get(b)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_kinds_sort_last_alphabetically() {
        let order = KindOrder::new(INSTALL_ORDER);
        let mut kinds = vec!["Zeta", "Deployment", "Alpha", "Namespace"];
        kinds.sort_by(|a, b| order.compare(a, b));
        assert_eq!(kinds, ["Namespace", "Deployment", "Alpha", "Zeta"]);
    }

    #[test]
    fn uninstall_order_holds_the_same_kinds_webhooks_first() {
        let mut install = INSTALL_ORDER.to_vec();
        let mut uninstall = UNINSTALL_ORDER.to_vec();
        assert_eq!(uninstall[0], "ValidatingWebhookConfiguration");
        assert_eq!(uninstall.last(), Some(&"PriorityClass"));
        install.sort_unstable();
        uninstall.sort_unstable();
        assert_eq!(install, uninstall);
    }
}
