/// Errors of the actions, worded as Helm words them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The release name is not a valid DNS-1123 subdomain of at most 53 characters.
    #[error(
        "release name check failed: release name \"{name}\": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53"
    )]
    InvalidReleaseName {
        /// The rejected name.
        name: String,
    },
    /// Conditions, tags, aliases or import-values could not be applied.
    #[error("chart dependencies processing failed: {0}")]
    Dependencies(String),
    /// A library chart was given to install or template.
    #[error("library charts are not installable")]
    LibraryChart,
    /// Values could not be coalesced.
    #[error("{0}")]
    Values(String),
    /// The values break the chart's `values.schema.json`; the message is Helm's whole report
    /// (`values don't meet the specifications of the schema(s) ...`).
    #[error("{0}")]
    Schema(String),
    /// The chart's `kubeVersion` excludes the cluster's version.
    #[error(
        "chart requires kubeVersion: {constraint} which is incompatible with Kubernetes {version}"
    )]
    KubeVersion {
        /// The chart's constraint.
        constraint: String,
        /// The cluster's (or `--kube-version`'s) version.
        version: String,
    },
    /// A template failed to render.
    #[error("{0}")]
    Render(#[source] rudder_engine::Error),
    /// A rendered document is not valid YAML.
    #[error("{0}")]
    Manifest(#[source] rudder_release::Error),
    /// `--kube-version` could not be parsed.
    #[error("invalid kube version '{0}': expected format is major.minor.patch")]
    InvalidKubeVersion(String),
    /// The rendered files could not be merged into one stream for the post-renderer.
    #[error("error merging manifests: {0}")]
    PostRenderMerge(String),
    /// The post-renderer failed.
    #[error("error while running post render on files: {0}")]
    PostRender(String),
    /// The post-renderer's output could not be split back into files.
    #[error("error while parsing post rendered output: {0}")]
    PostRenderParse(String),
    /// `--name-template` failed.
    #[error("{0}")]
    NameTemplate(String),
    /// The cluster failed an operation; Helm passes its error on unchanged.
    #[error(transparent)]
    Kube(#[from] rudder_kube::Error),
    /// Release storage failed; Helm passes its error on unchanged.
    #[error(transparent)]
    Storage(#[from] rudder_storage::Error),
    /// A hook's manifest could not be built into objects.
    #[error("unable to build kubernetes object for {event} hook {path}")]
    HookBuild {
        /// The event being run.
        event: rudder_release::HookEvent,
        /// The hook's template path.
        path: String,
        /// Why.
        #[source]
        source: rudder_kube::Error,
    },
    /// A hook's object could not be created (Helm's words start with `warning:`).
    #[error("warning: Hook {event} {path} failed")]
    HookCreate {
        /// The event being run.
        event: rudder_release::HookEvent,
        /// The hook's template path.
        path: String,
        /// Why.
        #[source]
        source: rudder_kube::Error,
    },
    /// A hook's manifest could not be built into objects to delete them.
    #[error("unable to build kubernetes object for deleting hook {path}")]
    HookDeleteBuild {
        /// The hook's template path.
        path: String,
        /// Why.
        #[source]
        source: rudder_kube::Error,
    },
    /// A release name failed Helm's `ValidateReleaseName` where an action wraps it in its own
    /// words (`releaseContent: Release name is invalid: NAME`).
    #[error("{prefix}{name}")]
    NameInvalid {
        /// The action's words up to the name (`uninstall: Release name is invalid: `).
        prefix: &'static str,
        /// The rejected name.
        name: String,
    },
    /// A negative revision (Helm's `errInvalidRevision`).
    #[error("invalid release revision")]
    InvalidRevision,
    /// The revision to roll back to is not in the history.
    #[error("release has no {version} version")]
    NoVersion {
        /// The revision asked for.
        version: i64,
    },
    /// `--server-side` is not `true`, `false` or `auto`.
    #[error("invalid/unknown release server-side apply method: {value}")]
    ServerSideValue {
        /// The value given.
        value: String,
    },
    /// A cluster step failed; Helm wraps the cause with these words
    /// (`unable to build kubernetes objects from current release manifest`).
    #[error("{context}")]
    KubeStep {
        /// Helm's words for the step.
        context: &'static str,
        /// The cause.
        #[source]
        source: rudder_kube::Error,
    },
    /// Waiting for a release's resources failed (`release NAME failed: ...`).
    #[error("release {name} failed")]
    ReleaseFailed {
        /// The release name.
        name: String,
        /// The cause.
        #[source]
        source: rudder_kube::Error,
    },
    /// Cleaning up after a failed rollback or upgrade failed too (Helm reports the cleanup
    /// errors, joined with `, `, not the original error).
    #[error(
        "an error occurred while cleaning up resources. original {operation} error: unable to cleanup resources: {}",
        errors.iter().map(|e| rudder_kube::chain(e)).collect::<Vec<_>>().join(", ")
    )]
    Cleanup {
        /// `rollback` or `upgrade`.
        operation: &'static str,
        /// The deletions that failed.
        errors: Vec<rudder_kube::Error>,
    },
    /// The release's history could not be read for an uninstall.
    #[error("uninstall: Release not loaded: {name}")]
    NotLoaded {
        /// The release name.
        name: String,
        /// The storage error.
        #[source]
        source: Box<rudder_storage::Error>,
    },
    /// No release to act on (Helm's `errMissingRelease`).
    #[error("no release provided")]
    MissingRelease,
    /// The release is already uninstalled and `--keep-history` asks to keep it.
    #[error(
        "the release named {} is already deleted",
        rudder_value::strconv::quote(name)
    )]
    AlreadyDeleted {
        /// The release name.
        name: String,
    },
    /// Removing the release's records failed.
    #[error("uninstall: Failed to purge the release")]
    Purge {
        /// The storage error.
        #[source]
        source: Box<rudder_storage::Error>,
    },
    /// Deleting the release's resources failed (the causes only go to the debug log).
    #[error("failed to delete release: {name}")]
    DeleteRelease {
        /// The release name.
        name: String,
    },
    /// An uninstall finished with errors, joined with `; `.
    #[error(
        "uninstallation completed with {} error(s): {}",
        errors.len(),
        errors.iter().map(|e| rudder_kube::chain(e)).collect::<Vec<_>>().join("; ")
    )]
    Uninstallation {
        /// The errors.
        errors: Vec<Error>,
    },
    /// `--filter` is not a valid regular expression (Go's `regexp` error text).
    #[error("{message}")]
    Filter {
        /// Go's words.
        message: String,
    },
    /// `--selector` is not a valid label selector.
    #[error("{message}")]
    Selector {
        /// The parser's words.
        message: String,
    },
    /// The release holds no chart (`get values --all`, `get metadata`).
    #[error("{message}")]
    Chart {
        /// Helm's words.
        message: String,
    },
    /// A test Pod's log could not be read.
    #[error("unable to get pod logs for {name}")]
    PodLogs {
        /// The Pod.
        name: String,
        /// Why.
        #[source]
        source: rudder_kube::Error,
    },
    /// The cluster did not answer (Helm's `IsReachable`).
    #[error("kubernetes cluster unreachable")]
    Unreachable {
        /// Why.
        #[source]
        source: rudder_kube::Error,
    },
    /// A step of an install or upgrade failed; Helm wraps the cause with these words
    /// (`failed pre-install`, `unable to continue with install`, `failed to install CRD x`).
    #[error("{context}")]
    Step {
        /// Helm's words for the step.
        context: String,
        /// The cause.
        #[source]
        source: Box<Error>,
    },
    /// The release name belongs to a release that is not uninstalled (or `--replace` was not
    /// given).
    #[error("release name check failed: cannot reuse a name that is still in use")]
    NameInUse,
    /// `--labels` uses a label the storage drivers reserve.
    #[error(
        "user supplied labels contains system reserved label name. System labels: [{}]",
        rudder_storage::SYSTEM_LABELS.join(" ")
    )]
    SystemLabels,
    /// A file of `crds/` holds no object.
    #[error("failed to install CRD {name}: resources are empty")]
    CrdEmpty {
        /// The file.
        name: String,
    },
    /// An object has both `metadata.name` and `metadata.generateName`.
    #[error("metadata.name and metadata.generateName cannot both be set")]
    NameAndGenerateName,
    /// A rendered resource exists without this release's ownership metadata.
    #[error(
        "{resource} exists and cannot be imported into the current release: invalid ownership metadata; {}",
        reasons.join("; ")
    )]
    ResourceExists {
        /// `Kind "name" in namespace "ns"`.
        resource: String,
        /// What is wrong (`label validation error: missing key ...`).
        reasons: Vec<String>,
    },
    /// `--hide-secret` without `--dry-run`.
    #[error("hiding Kubernetes secrets requires a dry-run mode")]
    HideSecret,
    /// The release's last revision is `pending-*` (Helm's `errPending`).
    #[error("another operation (install/upgrade/rollback) is in progress")]
    Pending,
    /// A hook's Job or Pod failed (Helm's status waiter:
    /// `resource Job/ns/name not ready. status: Failed, message: Job Failed. failed: 1/1`).
    #[error("{message}")]
    HookFailed {
        /// The waiter's whole message.
        message: String,
    },
}

/// Results of actions.
pub type Result<T, E = Error> = std::result::Result<T, E>;
