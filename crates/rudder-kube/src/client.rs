//! The `KubeClient` trait, and waiting built on it.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::error::{Error, Pending, Result};
use crate::object::{ApplyOptions, ObjectRef, Propagation, Resource, parse_manifest};
use crate::ready::{Readiness, completion, readiness};

/// Rudder's narrow view of a Kubernetes API server (Helm's `kube.Interface`).
///
/// The trait is blocking: Rudder's actions are synchronous, and a client that needs async
/// I/O (the kube-rs one) owns its runtime and blocks on it. Objects are JSON
/// ([`serde_json::Value`]) because Helm's charts create any kind, CRDs included.
///
/// Contract shared by every implementation:
/// - A missing object is `Ok(None)` from [`get`](KubeClient::get) and `Ok(false)` from
///   [`delete`](KubeClient::delete); other calls fail with [`Error::NotFound`].
/// - A kind the server does not serve fails with [`Error::NoMatch`].
/// - [`create`](KubeClient::create) of an existing name fails with
///   [`Error::AlreadyExists`]; [`update`](KubeClient::update) with a stale
///   `metadata.resourceVersion` fails with [`Error::Conflict`], as does an apply that meets
///   fields owned by another manager without `force_conflicts`.
/// - Every write returns the object as the server stored it (`resourceVersion`, `uid`,
///   `creationTimestamp`, generated name filled in).
pub trait KubeClient: Send + Sync {
    /// The namespace used when neither the manifest nor the call names one (`-n`, or the
    /// kubeconfig context's namespace, or `default`).
    fn namespace(&self) -> &str;

    /// The server's version (`/version`), for `.Capabilities.KubeVersion`.
    ///
    /// Errors: [`Error::Unreachable`] (or [`Error::Transport`]) when the server cannot be
    /// reached (Helm's `IsReachable`
    /// reports it as `kubernetes cluster unreachable`).
    fn server_version(&self) -> Result<ServerVersion>;

    /// Every group version the server serves (`apps/v1`) and every kind in it
    /// (`apps/v1/Deployment`), sorted: Helm's `GetVersionSet` for
    /// `.Capabilities.APIVersions`.
    fn api_versions(&self) -> Result<Vec<String>>;

    /// The log of a Pod's container (`container: None` for its only container), for
    /// `helm test --logs`.
    ///
    /// Errors: [`Error::NotFound`] when the Pod does not exist.
    fn pod_logs(&self, namespace: &str, pod: &str, container: Option<&str>) -> Result<String>;

    /// Reads one object as the API server's table (`as=Table` in `meta.k8s.io/v1`, the columns
    /// `kubectl get` prints), for `helm status`'s RESOURCES. `Ok(None)` when the object does
    /// not exist or the client cannot ask for tables (the default; the memory server).
    fn get_table(&self, reference: &ObjectRef) -> Result<Option<Value>> {
        let _ = reference;
        Ok(None)
    }

    /// Whether `kind` in `api_version` is namespaced (the REST mapping; cached).
    ///
    /// Errors: [`Error::NoMatch`] for a kind the server does not serve.
    fn is_namespaced(&self, api_version: &str, kind: &str) -> Result<bool>;

    /// Reads one object; `Ok(None)` when it does not exist.
    fn get(&self, reference: &ObjectRef) -> Result<Option<Value>>;

    /// Reads several objects, results in the order of `references`. [`wait`](KubeClient::wait)
    /// reads through this, so a client that can read concurrently (the kube-rs one does)
    /// checks every resource of a round at once, as Helm's waiters do.
    fn get_all(&self, references: &[&ObjectRef]) -> Vec<Result<Option<Value>>> {
        references.iter().map(|r| self.get(r)).collect()
    }

    /// Lists objects of a kind in a namespace (`None`: every namespace, or a cluster-scoped
    /// kind) whose labels match `label_selector` (Kubernetes syntax; empty selects all).
    fn list(
        &self,
        api_version: &str,
        kind: &str,
        namespace: Option<&str>,
        label_selector: &str,
    ) -> Result<Vec<Value>>;

    /// Creates the object (`metadata.generateName` is honoured when `name` is empty).
    fn create(&self, resource: &Resource) -> Result<Value>;

    /// Replaces the object (HTTP PUT). With `metadata.resourceVersion` set, the update only
    /// succeeds against that version.
    fn update(&self, resource: &Resource) -> Result<Value>;

    /// Applies the object: server-side apply with `options.field_manager` (creating it if
    /// needed). Helm 3's client-side apply needs the previous manifest as well, so it lives
    /// in [`crate::update_all`] (a plain create, then three-way patches); here
    /// `server_side: false` fails with [`Error::Unsupported`].
    fn apply(&self, resource: &Resource, options: &ApplyOptions) -> Result<Value>;

    /// Patches the object with a JSON merge patch (RFC 7386), a JSON patch (RFC 6902) or a
    /// strategic merge patch (built-in kinds only; the server refuses it for custom
    /// resources with HTTP 415).
    ///
    /// Errors: [`Error::NotFound`] when the object does not exist.
    fn patch(&self, reference: &ObjectRef, patch: &Value, kind: PatchKind) -> Result<Value>;

    /// Moves the fields `manager` owns through client-side updates (its `Update` entries in
    /// `managedFields`) into its server-side apply entry, as client-go's `csaupgrade` does, so
    /// that an apply after Helm 3's client-side updates neither conflicts with `manager`
    /// itself nor leaves fields behind. `Ok(false)` when there was nothing to move.
    ///
    /// The default reads the object and sends [`crate::managed_fields_upgrade`]'s JSON patch,
    /// retrying on conflicts.
    ///
    /// Errors: [`Error::NotFound`] when the object does not exist; the patch's failure.
    fn upgrade_managed_fields(&self, reference: &ObjectRef, manager: &str) -> Result<bool> {
        let mut attempt = 0;
        loop {
            let live = self
                .get(reference)?
                .ok_or_else(|| Error::not_found(&reference.kind, &reference.name))?;
            let Some(patch) = crate::update::managed_fields_upgrade(&live, manager, manager) else {
                return Ok(false);
            };
            match self.patch(reference, &patch, PatchKind::Json) {
                Ok(_) => return Ok(true),
                // client-go's retry.DefaultRetry: five attempts.
                Err(e) if e.is_conflict() && attempt < 4 => attempt += 1,
                Err(e) => return Err(e),
            }
        }
    }

    /// Deletes the object; `Ok(false)` when it did not exist.
    fn delete(&self, reference: &ObjectRef, propagation: Propagation) -> Result<bool>;

    /// How long waiting pauses between two polls. A real server is polled every 2 seconds
    /// as Helm's legacy waiter does; the memory server answers at once.
    fn poll_interval(&self) -> Duration {
        Duration::from_secs(2)
    }

    /// Builds resources from a YAML manifest (Helm's `Build`): every document becomes a
    /// [`Resource`], namespaced kinds get the default namespace when they name none, and
    /// cluster-scoped kinds lose any namespace they name.
    ///
    /// Errors: [`Error::Manifest`] for bad YAML, [`Error::MissingField`] for an object
    /// without `apiVersion` or `kind`, [`Error::NoMatch`] for an unknown kind.
    fn build(&self, manifest: &str) -> Result<Vec<Resource>> {
        parse_manifest(manifest)?
            .into_iter()
            .map(|object| self.resource(object))
            .collect()
    }

    /// Turns one object body into a [`Resource`] as [`build`](KubeClient::build) does.
    fn resource(&self, mut object: Value) -> Result<Resource> {
        let mut reference = ObjectRef::of(&object)?;
        let namespaced = self
            .is_namespaced(&reference.api_version, &reference.kind)
            .map_err(|e| match e {
                Error::NoMatch {
                    api_version, kind, ..
                } => Error::NoMatch {
                    api_version,
                    kind,
                    name: reference.name.clone(),
                    namespace: reference.namespace.clone().unwrap_or_default(),
                },
                e => e,
            })?;
        let metadata = object
            .as_object_mut()
            .and_then(|o| {
                o.entry("metadata")
                    .or_insert_with(|| Value::Object(serde_json::Map::new()))
                    .as_object_mut()
            })
            .ok_or(Error::MissingField { field: "metadata" })?;
        if namespaced {
            let ns = reference
                .namespace
                .clone()
                .unwrap_or_else(|| self.namespace().to_owned());
            metadata.insert("namespace".to_owned(), Value::String(ns.clone()));
            reference.namespace = Some(ns);
        } else {
            metadata.remove("namespace");
            reference.namespace = None;
        }
        Ok(Resource { reference, object })
    }

    /// Waits until every resource is ready by Helm's rules (see [`crate::readiness`]),
    /// checking all of them each round, until `options.timeout` runs out.
    ///
    /// Errors: [`Error::Timeout`] naming every resource still not ready; a failed Job
    /// ([`Error::Failed`]) ends the wait at once.
    fn wait(&self, resources: &[Resource], options: &WaitOptions) -> Result<()> {
        let deadline = Instant::now() + options.timeout;
        loop {
            let mut pending = Vec::new();
            let references: Vec<&ObjectRef> = resources.iter().map(|r| &r.reference).collect();
            for (r, current) in resources.iter().zip(self.get_all(&references)) {
                let (status, message) = match current? {
                    Some(current) => match readiness(&current, options.wait_for_jobs, true)? {
                        Readiness::Ready => continue,
                        Readiness::NotReady(why) => ("InProgress", why),
                    },
                    None => ("NotFound", "Resource not found".to_owned()),
                };
                pending.push(Pending {
                    reference: r.reference.clone(),
                    state: "not ready",
                    status,
                    message,
                });
            }
            if pending.is_empty() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout {
                    pending,
                    timeout: options.timeout,
                });
            }
            std::thread::sleep(self.poll_interval().min(deadline - Instant::now()));
        }
    }

    /// Waits until every resource is gone (`helm uninstall --wait`).
    ///
    /// Errors: [`Error::Timeout`] naming every resource still present.
    fn wait_for_delete(&self, resources: &[Resource], timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let references: Vec<&ObjectRef> = resources.iter().map(|r| &r.reference).collect();
            let mut present = Vec::new();
            for (r, current) in resources.iter().zip(self.get_all(&references)) {
                if current?.is_some() {
                    present.push(Pending {
                        reference: r.reference.clone(),
                        state: "still exists",
                        status: "Current",
                        message: "Resource is current".to_owned(),
                    });
                }
            }
            if present.is_empty() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout {
                    pending: present,
                    timeout,
                });
            }
            std::thread::sleep(self.poll_interval().min(deadline - Instant::now()));
        }
    }

    /// Waits until a hook's Job or Pod has completed (Helm's `WatchUntilReady`); other
    /// kinds return at once.
    ///
    /// Errors: [`Error::Failed`] when it failed, [`Error::NotFound`] when it vanished,
    /// [`Error::Timeout`] when `timeout` ran out.
    fn wait_for_completion(&self, reference: &ObjectRef, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let current = self
                .get(reference)?
                .ok_or_else(|| Error::not_found(&reference.kind, &reference.name))?;
            if completion(&current)? {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout {
                    pending: vec![Pending {
                        reference: reference.clone(),
                        state: "not ready",
                        status: "InProgress",
                        message: format!("{} has not completed", reference.kind),
                    }],
                    timeout,
                });
            }
            std::thread::sleep(self.poll_interval().min(deadline - Instant::now()));
        }
    }
}

/// The server's version, as `/version` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerVersion {
    /// `major`, as `1`.
    pub major: String,
    /// `minor`, as `20` (cloud providers write `20+`).
    pub minor: String,
    /// `gitVersion`, as `v1.20.2`.
    pub git_version: String,
}

/// The body of [`KubeClient::patch`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchKind {
    /// `application/merge-patch+json` (RFC 7386).
    Merge,
    /// `application/json-patch+json` (RFC 6902): a list of operations.
    Json,
    /// `application/strategic-merge-patch+json`: a JSON merge patch whose lists merge by
    /// the kind's patch metadata, with directives ([`crate::merge`]).
    Strategic,
}

/// Options of [`KubeClient::wait`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitOptions {
    /// `--timeout` (Helm's default is 5 minutes).
    pub timeout: Duration,
    /// `--wait-for-jobs`.
    pub wait_for_jobs: bool,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_mins(5),
            wait_for_jobs: false,
        }
    }
}
