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
