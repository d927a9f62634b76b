//! Command-line arguments, spelled as Helm spells them (`pkg/cmd/*.go`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The Kubernetes package manager, rebuilt in Rust.
#[derive(Debug, Parser)]
#[command(name = "rudder", version, about, disable_version_flag = true)]
pub struct Cli {
    /// Flags every command accepts.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Helm's persistent flags.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// namespace scope for this request
    #[arg(short = 'n', long, global = true)]
    pub namespace: Option<String>,
    /// path to the kubeconfig file
    #[arg(long, global = true)]
    pub kubeconfig: Option<String>,
    /// name of the kubeconfig context to use
    #[arg(long, global = true)]
    pub kube_context: Option<String>,
    /// bearer token used for authentication
    #[arg(long, global = true)]
    pub kube_token: Option<String>,
    /// username to impersonate for the operation
    #[arg(long, global = true)]
    pub kube_as_user: Option<String>,
    /// group to impersonate for the operation, this flag can be repeated to specify multiple groups.
    #[arg(long, global = true)]
    pub kube_as_group: Vec<String>,
    /// the address and the port for the Kubernetes API server
    #[arg(long, global = true)]
    pub kube_apiserver: Option<String>,
    /// the certificate authority file for the Kubernetes API server connection
    #[arg(long, global = true)]
    pub kube_ca_file: Option<String>,
    /// server name to use for Kubernetes API server certificate validation
    #[arg(long, global = true)]
    pub kube_tls_server_name: Option<String>,
    /// if true, the Kubernetes API server's certificate will not be checked for validity
    #[arg(long, global = true)]
    pub kube_insecure_skip_tls_verify: bool,
    /// enable verbose output
    #[arg(long, global = true)]
    pub debug: bool,
    /// path to the registry config file
    #[arg(long, global = true)]
    pub registry_config: Option<PathBuf>,
    /// path to the file containing repository names and URLs
    #[arg(long, global = true)]
    pub repository_config: Option<PathBuf>,
    /// path to the directory containing cached repository indexes
    #[arg(long, global = true)]
    pub repository_cache: Option<PathBuf>,
    /// path to the directory containing cached content (e.g. charts)
    #[arg(long, global = true)]
    pub content_cache: Option<PathBuf>,
    /// client-side default throttling limit
    #[arg(long, global = true)]
    pub burst_limit: Option<i64>,
    /// queries per second used when communicating with the Kubernetes API, not including bursting
    #[arg(long, global = true)]
    pub qps: Option<f32>,
    /// use colored output (never, auto, always)
    #[arg(long, alias = "colour", global = true)]
    pub color: Option<String>,
    /// address of a tiller (host:port); release commands go through it (Helm 2's --host)
    #[arg(long, global = true, hide = true)]
    pub host: Option<String>,
    /// enable TLS for the connection to tiller
    #[arg(long, global = true, hide = true)]
    pub tls: bool,
    /// enable TLS for the connection to tiller and verify its certificate
    #[arg(long, global = true, hide = true)]
    pub tls_verify: bool,
    /// path to the TLS CA certificate file that signs tiller's certificate
    #[arg(long, global = true, hide = true)]
    pub tls_ca_cert: Option<PathBuf>,
    /// path to the TLS client certificate file for authenticating to tiller
    #[arg(long, global = true, hide = true)]
    pub tls_cert: Option<PathBuf>,
    /// path to the TLS client key file for authenticating to tiller
    #[arg(long, global = true, hide = true)]
    pub tls_key: Option<PathBuf>,
    /// the server name used to verify tiller's certificate
    #[arg(long, global = true, hide = true)]
    pub tls_hostname: Option<String>,
}

/// Rudder's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// roll back a release to a previous revision
    Rollback(RollbackArgs),
    /// uninstall a release
    #[command(aliases = ["del", "delete", "un"])]
    Uninstall(UninstallArgs),
    /// display the status of the named release
    Status(StatusArgs),
    /// fetch release history
    #[command(alias = "hist")]
    History(HistoryArgs),
    /// list releases
    #[command(alias = "ls")]
    List(ListArgs),
    /// download extended information of a named release
    #[command(subcommand)]
    Get(GetCommand),
    /// run tests for a release
    Test(TestArgs),
    /// locally render templates
    Template(Box<TemplateArgs>),
    /// print the client version information
    Version(VersionArgs),
    /// helm client environment information
    Env(EnvArgs),
    /// generate autocompletion scripts for the specified shell
    Completion(CompletionArgs),
    /// show information of a chart
    #[command(subcommand, alias = "inspect")]
    Show(ShowCommand),
    /// create a new chart with the given name
    Create(CreateArgs),
    /// package a chart directory into a chart archive
    Package(PackageArgs),
    /// manage a chart's dependencies
    #[command(subcommand, aliases = ["dep", "dependencies"])]
    Dependency(DependencyCommand),
    /// examine a chart for possible issues
    Lint(LintArgs),
    /// add, list, remove, update, and index chart repositories
    #[command(subcommand)]
    Repo(RepoCommand),
    /// search for a keyword in charts
    #[command(subcommand)]
    Search(SearchCommand),
    /// download a chart from a repository and (optionally) unpack it in local directory
    #[command(alias = "fetch")]
    Pull(Box<PullArgs>),
    /// login to or logout from a registry
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// push a chart to remote
    Push(PushArgs),
    /// verify that a chart at the given path has been signed and is valid
    Verify(VerifyArgs),
    /// install a chart
    Install(Box<InstallArgs>),
    /// upgrade a release
    Upgrade(Box<UpgradeArgs>),
}

/// `rudder verify PATH`
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// the chart archive
    pub path: PathBuf,
    /// keyring containing public keys (default "~/.gnupg/pubring.gpg")
    #[arg(long)]
    pub keyring: Option<PathBuf>,
}

/// `-f`, `--set` and friends (Helm's `values.Options`).
#[derive(Debug, Args, Default, Clone)]
pub struct ValuesArgs {
    /// specify values in a YAML file or a URL (can specify multiple)
    #[arg(short = 'f', long = "values", value_delimiter = ',')]
    pub values: Vec<String>,
    /// set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
    #[arg(long)]
    pub set: Vec<String>,
    /// set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)
    #[arg(long)]
    pub set_string: Vec<String>,
    /// set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)
    #[arg(long)]
    pub set_file: Vec<String>,
    /// set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2)
    #[arg(long)]
    pub set_json: Vec<String>,
    /// set a literal STRING value on the command line
    #[arg(long)]
    pub set_literal: Vec<String>,
}

/// Where to find a chart (Helm's `ChartPathOptions`).
#[derive(Debug, Args, Default, Clone)]
pub struct ChartPathArgs {
    /// specify a version constraint for the chart version to use
    #[arg(long)]
    pub version: Option<String>,
    /// verify the package before using it
    #[arg(long)]
    pub verify: bool,
    /// location of public keys used for verification
    #[arg(long)]
    pub keyring: Option<PathBuf>,
    /// chart repository url where to locate the requested chart
    #[arg(long)]
    pub repo: Option<String>,
    /// chart repository username where to locate the requested chart
    #[arg(long)]
    pub username: Option<String>,
    /// chart repository password where to locate the requested chart
    #[arg(long)]
    pub password: Option<String>,
    /// identify HTTPS client using this SSL certificate file
    #[arg(long)]
    pub cert_file: Option<PathBuf>,
    /// identify HTTPS client using this SSL key file
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// skip tls certificate checks for the chart download
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// use insecure HTTP connections for the chart download
    #[arg(long)]
    pub plain_http: bool,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long)]
    pub ca_file: Option<PathBuf>,
    /// pass credentials to all domains
    #[arg(long)]
    pub pass_credentials: bool,
}

/// `rudder template [NAME] [CHART] [flags]`
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// NAME and CHART, or only CHART with --generate-name (counted by the command itself, so
    /// that a wrong number gets Helm's message)
    #[arg(num_args = 0..)]
    pub args: Vec<String>,
    /// Values.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// Chart location.
    #[command(flatten)]
    pub chart: ChartPathArgs,
    /// generate the name (and omit the NAME parameter)
    #[arg(short = 'g', long)]
    pub generate_name: bool,
    /// specify template used to name the release
    #[arg(long)]
    pub name_template: Option<String>,
    /// only show manifests rendered from the given templates
    #[arg(short = 's', long = "show-only")]
    pub show_only: Vec<String>,
    /// writes the executed templates to files in output-dir instead of stdout
    #[arg(long)]
    pub output_dir: Option<PathBuf>,
    /// include CRDs in the templated output
    #[arg(long)]
    pub include_crds: bool,
    /// if set, no CRDs will be installed. By default, CRDs are installed if not already present
    #[arg(long)]
    pub skip_crds: bool,
    /// skip tests from templated output
    #[arg(long)]
    pub skip_tests: bool,
    /// prevent hooks from running during install
    #[arg(long)]
    pub no_hooks: bool,
    /// set .Release.IsUpgrade instead of .Release.IsInstall
    #[arg(long)]
    pub is_upgrade: bool,
    /// Kubernetes version used for Capabilities.KubeVersion
    #[arg(long)]
    pub kube_version: Option<String>,
    /// Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)
    #[arg(short = 'a', long = "api-versions", value_delimiter = ',')]
    pub api_versions: Vec<String>,
    /// use release name in the output-dir path.
    #[arg(long)]
    pub release_name: bool,
    /// use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
    #[arg(long)]
    pub devel: bool,
    /// update dependencies if they are missing before installing the chart
    #[arg(long)]
    pub dependency_update: bool,
    /// if set, disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    /// deprecated: this flag has no effect for 'helm template' and will be removed in Helm 5
    #[arg(long, hide = true)]
    pub render_subchart_notes: bool,
    /// deprecated: this flag has no effect for 'helm template' and will be removed in Helm 5
    #[arg(long, hide = true)]
    pub hide_notes: bool,
    /// create the release namespace if not present (no effect on template)
    #[arg(long)]
    pub create_namespace: bool,
    /// force resource updates by replacement (no effect on template)
    #[arg(long)]
    pub force_replace: bool,
    /// deprecated: use --force-replace instead
    #[arg(long, hide = true)]
    pub force: bool,
    /// if set server-side apply will force changes against conflicts (no effect on template)
    #[arg(long)]
    pub force_conflicts: bool,
    /// object updates run in the server instead of the client (no effect on template)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub server_side: Option<String>,
    /// reuse the given name, only if that name is a deleted release which remains in the history (no effect on template)
    #[arg(long)]
    pub replace: bool,
    /// wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy' (no effect on template)
    #[arg(long, num_args = 0..=1, default_missing_value = "watcher", require_equals = true)]
    pub wait: Option<String>,
    /// if set and --wait enabled, will wait until all Jobs have been completed (no effect on template)
    #[arg(long)]
    pub wait_for_jobs: bool,
    /// if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema (no effect on template)
    #[arg(long)]
    pub disable_openapi_validation: bool,
    /// if set, Helm will rollback (uninstall) the installation upon failure (no effect on template)
    #[arg(long)]
    pub rollback_on_failure: bool,
    /// deprecated: use --rollback-on-failure instead
    #[arg(long, hide = true)]
    pub atomic: bool,
    /// if set, install will ignore the check for helm annotations and take ownership of the existing resources (no effect on template)
    #[arg(long)]
    pub take_ownership: bool,
    /// enable DNS lookups when rendering templates
    #[arg(long)]
    pub enable_dns: bool,
    /// the path to an executable to be used for post rendering (a path with a '/'), or the
    /// name of a postrenderer type plugin
    #[arg(long)]
    pub post_renderer: Vec<String>,
    /// an argument to the post-renderer (can specify multiple)
    #[arg(long)]
    pub post_renderer_args: Vec<String>,
    /// simulates the operation either client-side or server-side. Must be either: "client", or "server". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity.
    #[arg(long, num_args = 0..=1, default_missing_value = "unset", require_equals = true)]
    pub dry_run: Option<String>,
    /// deprecated: use '--dry-run=server' instead
    #[arg(long, hide = true)]
    pub validate: bool,
    /// serve `lookup` from the Kubernetes objects in this YAML file (Rudder only): several
    /// documents, or `kind: List` documents whose `items` are the objects. `lookup` finds an
    /// object by apiVersion, kind, namespace and name; an empty name lists the matching objects
    /// (every namespace when the namespace is empty too); anything else is an empty map
    #[arg(long, value_name = "FILE")]
    pub lookup_fixtures: Option<PathBuf>,
    /// add a custom description
    #[arg(long)]
    pub description: Option<String>,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long)]
    pub timeout: Option<String>,
    /// Labels that would be added to release metadata. Should be divided by comma.
    #[arg(short = 'l', long, value_delimiter = ',')]
    pub labels: Vec<String>,
}

/// `rudder version`
#[derive(Debug, Args)]
pub struct VersionArgs {
    /// print the version number
    #[arg(long)]
    pub short: bool,
    /// template for version string format
    #[arg(long)]
    pub template: Option<String>,
}

/// `rudder env [NAME]`
#[derive(Debug, Args)]
pub struct EnvArgs {
    /// print only this variable
    pub name: Option<String>,
}

/// `rudder completion SHELL`
#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// bash, zsh, fish or powershell
    pub shell: clap_complete::Shell,
    /// disable completion descriptions
    #[arg(long)]
    pub no_descriptions: bool,
}

/// `rudder show all|chart|values|readme|crds CHART`
#[derive(Debug, Subcommand)]
pub enum ShowCommand {
    /// show all information of the chart
    All(ShowArgs),
    /// show the chart's definition
    Chart(ShowArgs),
    /// show the chart's values
    Values(ShowValuesArgs),
    /// show the chart's README
    Readme(ShowArgs),
    /// show the chart's CRDs
    Crds(ShowArgs),
}

/// Arguments of every `show` subcommand.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// the chart: a directory, an archive, or a repository reference
    pub chart: String,
    /// Chart location.
    #[command(flatten)]
    pub location: ChartPathArgs,
    /// use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
    #[arg(long)]
    pub devel: bool,
}

/// `rudder show values CHART`
#[derive(Debug, Args)]
pub struct ShowValuesArgs {
    /// The common arguments.
    #[command(flatten)]
    pub show: ShowArgs,
    /// supply a JSONPath expression to filter the output
    #[arg(long)]
    pub jsonpath: Option<String>,
}

/// `rudder create NAME`
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// the chart's name, optionally under an existing directory
    pub name: String,
    /// the name or absolute path to Helm starter scaffold
    #[arg(short = 'p', long)]
    pub starter: Option<String>,
}

/// `rudder package [CHART_PATH] [...]`
#[derive(Debug, Args)]
pub struct PackageArgs {
    /// chart directories
    pub paths: Vec<String>,
    /// use a PGP private key to sign this package
    #[arg(long)]
    pub sign: bool,
    /// name of the key to use when signing. Used if --sign is true
    #[arg(long)]
    pub key: Option<String>,
    /// location of a public keyring
    #[arg(long)]
    pub keyring: Option<PathBuf>,
    /// location of a file which contains the passphrase for the signing key. Use "-" in order to read from stdin.
    #[arg(long)]
    pub passphrase_file: Option<PathBuf>,
    /// set the version on the chart to this semver version
    #[arg(long)]
    pub version: Option<String>,
    /// set the appVersion on the chart to this version
    #[arg(long)]
    pub app_version: Option<String>,
    /// location to write the chart.
    #[arg(short = 'd', long, default_value = ".")]
    pub destination: String,
    /// update dependencies from "Chart.yaml" to dir "charts/" before packaging
    #[arg(short = 'u', long)]
    pub dependency_update: bool,
    /// chart repository username where to locate the requested chart
    #[arg(long)]
    pub username: Option<String>,
    /// chart repository password where to locate the requested chart
    #[arg(long)]
    pub password: Option<String>,
    /// identify HTTPS client using this SSL certificate file
    #[arg(long)]
    pub cert_file: Option<PathBuf>,
    /// identify HTTPS client using this SSL key file
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// skip tls certificate checks for the chart download
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// use insecure HTTP connections for the chart download
    #[arg(long)]
    pub plain_http: bool,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long)]
    pub ca_file: Option<PathBuf>,
    /// Values (accepted and merged as Helm does, then unused).
    #[command(flatten)]
    pub values: ValuesArgs,
}

/// `rudder dependency list|...`
#[derive(Debug, Subcommand)]
pub enum DependencyCommand {
    /// list the dependencies for the given chart
    #[command(alias = "ls")]
    List(DependencyListArgs),
    /// update charts/ based on the contents of Chart.yaml
    #[command(alias = "up")]
    Update(DependencyUpdateArgs),
    /// rebuild the charts/ directory based on the Chart.lock file
    Build(DependencyUpdateArgs),
}

/// `rudder dependency update|build [CHART]` (Helm's `addDependencySubcommandFlags`).
#[derive(Debug, Args)]
pub struct DependencyUpdateArgs {
    /// the chart directory (default: the working directory)
    pub chart: Option<String>,
    /// verify the packages against signatures
    #[arg(long)]
    pub verify: bool,
    /// keyring containing public keys
    #[arg(long)]
    pub keyring: Option<std::path::PathBuf>,
    /// do not refresh the local repository cache
    #[arg(long)]
    pub skip_refresh: bool,
    /// chart repository username where to locate the requested chart
    #[arg(long)]
    pub username: Option<String>,
    /// chart repository password where to locate the requested chart
    #[arg(long)]
    pub password: Option<String>,
    /// identify HTTPS client using this SSL certificate file
    #[arg(long)]
    pub cert_file: Option<std::path::PathBuf>,
    /// identify HTTPS client using this SSL key file
    #[arg(long)]
    pub key_file: Option<std::path::PathBuf>,
    /// skip tls certificate checks for the chart download
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// use insecure HTTP connections for the chart download
    #[arg(long)]
    pub plain_http: bool,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long)]
    pub ca_file: Option<std::path::PathBuf>,
}

/// `rudder dependency list [CHART]`
#[derive(Debug, Args)]
pub struct DependencyListArgs {
    /// the chart directory (default: the working directory)
    pub chart: Option<String>,
    /// maximum column width for output table
    #[arg(long, default_value_t = 80)]
    pub max_col_width: usize,
}

/// `rudder lint PATH...`
#[derive(Debug, Args)]
pub struct LintArgs {
    /// chart directories (or archives) to lint
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Values.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// fail on lint warnings
    #[arg(long)]
    pub strict: bool,
    /// lint dependent charts
    #[arg(long)]
    pub with_subcharts: bool,
    /// print only warnings and errors
    #[arg(long)]
    pub quiet: bool,
    /// if set, disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    /// Kubernetes version used for capabilities and deprecation checks
    #[arg(long)]
    pub kube_version: Option<String>,
}

/// `rudder repo add|list|remove|update|index`
#[derive(Debug, Subcommand)]
pub enum RepoCommand {
    /// add a chart repository
    Add(RepoAddArgs),
    /// list chart repositories
    #[command(alias = "ls")]
    List(RepoListArgs),
    /// remove one or more chart repositories
    #[command(alias = "rm")]
    Remove(RepoRemoveArgs),
    /// update information of available charts locally from chart repositories
    #[command(alias = "up")]
    Update(RepoUpdateArgs),
    /// generate an index file given a directory containing packaged charts
    Index(RepoIndexArgs),
    /// serve a folder of packaged charts as a chart repository (Helm 2's `helm serve`)
    Serve(RepoServeArgs),
}

/// `rudder repo serve [DIR]`
#[derive(Debug, Args)]
pub struct RepoServeArgs {
    /// the folder of packaged charts (or --repo-path)
    pub dir: Option<PathBuf>,
    /// local directory path from which to serve charts
    #[arg(long)]
    pub repo_path: Option<PathBuf>,
    /// address to listen on
    #[arg(long, default_value = "127.0.0.1:8879")]
    pub address: String,
    /// external URL of chart repository (default: http(s)://ADDRESS)
    #[arg(long)]
    pub url: Option<String>,
    /// user allowed to upload charts (POST /api/charts)
    #[arg(long)]
    pub username: Option<String>,
    /// file holding the upload password; without it uploads are refused
    #[arg(long)]
    pub password_file: Option<PathBuf>,
    /// let uploads replace an existing chart version
    #[arg(long)]
    pub allow_overwrite: bool,
    /// serve HTTPS with this certificate (PEM, with --tls-key)
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// the private key of --tls-cert (PEM)
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}

/// `rudder repo add NAME URL`
#[derive(Debug, Args)]
pub struct RepoAddArgs {
    /// the repository's name
    pub name: String,
    /// the repository's URL
    pub url: String,
    /// chart repository username
    #[arg(long, default_value = "")]
    pub username: String,
    /// chart repository password
    #[arg(long, default_value = "")]
    pub password: String,
    /// read chart repository password from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// replace (overwrite) the repo if it already exists
    #[arg(long)]
    pub force_update: bool,
    /// Deprecated, ignored
    #[arg(long, hide = true)]
    pub no_update: bool,
    /// identify HTTPS client using this SSL certificate file
    #[arg(long, default_value = "")]
    pub cert_file: String,
    /// identify HTTPS client using this SSL key file
    #[arg(long, default_value = "")]
    pub key_file: String,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long, default_value = "")]
    pub ca_file: String,
    /// skip tls certificate checks for the repository
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// pass credentials to all domains
    #[arg(long)]
    pub pass_credentials: bool,
    /// allow adding repositories that have been removed from stable and incubator
    #[arg(long)]
    pub allow_deprecated_repos: bool,
    /// time to wait for the index file download to complete
    #[arg(long, default_value = "2m0s")]
    pub timeout: String,
}

/// `rudder repo list`
#[derive(Debug, Args)]
pub struct RepoListArgs {
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
    /// suppress headers in the output
    #[arg(long)]
    pub no_headers: bool,
}

/// `rudder repo remove NAME...`
#[derive(Debug, Args)]
pub struct RepoRemoveArgs {
    /// the repositories to remove
    #[arg(required = true)]
    pub names: Vec<String>,
}

/// `rudder repo update [NAME...]`
#[derive(Debug, Args)]
pub struct RepoUpdateArgs {
    /// the repositories to update (all when none)
    pub names: Vec<String>,
    /// time to wait for the index file download to complete
    #[arg(long, default_value = "2m0s")]
    pub timeout: String,
}

/// `rudder repo index DIR`
#[derive(Debug, Args)]
pub struct RepoIndexArgs {
    /// the directory holding the chart archives
    pub dir: PathBuf,
    /// url of chart repository
    #[arg(long, default_value = "")]
    pub url: String,
    /// merge the generated index into the given index
    #[arg(long)]
    pub merge: Option<PathBuf>,
    /// output in JSON format
    #[arg(long)]
    pub json: bool,
}

/// `rudder search repo|hub`
#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// search repositories for a keyword in charts
    Repo(SearchRepoArgs),
}

/// `rudder search repo [KEYWORD...]`
#[derive(Debug, Args)]
pub struct SearchRepoArgs {
    /// the keywords
    pub keywords: Vec<String>,
    /// use regular expressions for searching repositories you have added
    #[arg(short = 'r', long)]
    pub regexp: bool,
    /// show the long listing, with each version of each chart on its own line, for repositories you have added
    #[arg(short = 'l', long)]
    pub versions: bool,
    /// use development versions (alpha, beta, and release candidate releases), too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
    #[arg(long)]
    pub devel: bool,
    /// search using semantic versioning constraints on repositories you have added
    #[arg(long, default_value = "")]
    pub version: String,
    /// maximum column width for output table
    #[arg(long, default_value_t = 50)]
    pub max_col_width: usize,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
    /// search fails if no results are found
    #[arg(long)]
    pub fail_on_no_result: bool,
}

/// `rudder pull CHART...`
#[derive(Debug, Args)]
pub struct PullArgs {
    /// chart references: `repo/chart`, a URL, or a name with --repo
    #[arg(required = true)]
    pub charts: Vec<String>,
    /// Chart location.
    #[command(flatten)]
    pub chart: ChartPathArgs,
    /// use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
    #[arg(long)]
    pub devel: bool,
    /// if set to true, will untar the chart after downloading it
    #[arg(long)]
    pub untar: bool,
    /// if untar is specified, this flag specifies the name of the directory into which the chart is expanded
    #[arg(long, default_value = ".")]
    pub untardir: String,
    /// location to write the chart. If this and untardir are specified, untardir is appended to this
    #[arg(short = 'd', long, default_value = ".")]
    pub destination: PathBuf,
    /// fetch the provenance file, but don't perform verification
    #[arg(long)]
    pub prov: bool,
}

/// `rudder registry ...`
#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// login to a registry
    Login(RegistryLoginArgs),
    /// logout from a registry
    Logout(RegistryLogoutArgs),
}

/// `rudder registry login HOST`
#[derive(Debug, Args)]
pub struct RegistryLoginArgs {
    /// The registry host (`host[:port]`).
    pub host: String,
    /// registry username
    #[arg(short = 'u', long)]
    pub username: Option<String>,
    /// registry password or identity token
    #[arg(short = 'p', long)]
    pub password: Option<String>,
    /// read password or identity token from stdin
    #[arg(long)]
    pub password_stdin: bool,
    /// allow connections to TLS registry without certs
    #[arg(long)]
    pub insecure: bool,
    /// identify registry client using this SSL certificate file
    #[arg(long)]
    pub cert_file: Option<PathBuf>,
    /// identify registry client using this SSL key file
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long)]
    pub ca_file: Option<PathBuf>,
    /// use insecure HTTP connections for the chart upload
    #[arg(long)]
    pub plain_http: bool,
}

/// `rudder registry logout HOST`
#[derive(Debug, Args)]
pub struct RegistryLogoutArgs {
    /// The registry host (`host[:port]`).
    pub host: String,
}

/// `rudder push CHART REMOTE`
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The chart archive (`.tgz`).
    pub chart: PathBuf,
    /// The remote repository root (`oci://host/path`).
    pub remote: String,
    /// identify registry client using this SSL certificate file
    #[arg(long)]
    pub cert_file: Option<PathBuf>,
    /// identify registry client using this SSL key file
    #[arg(long)]
    pub key_file: Option<PathBuf>,
    /// verify certificates of HTTPS-enabled servers using this CA bundle
    #[arg(long)]
    pub ca_file: Option<PathBuf>,
    /// skip tls certificate checks for the chart upload
    #[arg(long)]
    pub insecure_skip_tls_verify: bool,
    /// use insecure HTTP connections for the chart upload
    #[arg(long)]
    pub plain_http: bool,
    /// chart repository username where to locate the requested chart
    #[arg(long)]
    pub username: Option<String>,
    /// chart repository password where to locate the requested chart
    #[arg(long)]
    pub password: Option<String>,
}

/// Flags `install` and `upgrade` share (Helm's `addInstallFlags` and upgrade's own).
#[derive(Debug, Args, Clone, Default)]
pub struct ReleaseArgs {
    /// Values.
    #[command(flatten)]
    pub values: ValuesArgs,
    /// Chart location.
    #[command(flatten)]
    pub chart: ChartPathArgs,
    /// force resource updates by replacement
    #[arg(long)]
    pub force_replace: bool,
    /// deprecated: use --force-replace instead
    #[arg(long, hide = true)]
    pub force: bool,
    /// if set server-side apply will force changes against conflicts
    #[arg(long)]
    pub force_conflicts: bool,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
    /// if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout
    #[arg(long)]
    pub wait_for_jobs: bool,
    /// wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.
    #[arg(long, num_args = 0..=1, default_missing_value = "watcher", require_equals = true)]
    pub wait: Option<String>,
    /// add a custom description
    #[arg(long, default_value = "")]
    pub description: String,
    /// use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored
    #[arg(long)]
    pub devel: bool,
    /// update dependencies if they are missing before installing the chart
    #[arg(long)]
    pub dependency_update: bool,
    /// if set, the operation will not validate rendered templates against the Kubernetes OpenAPI Schema
    #[arg(long)]
    pub disable_openapi_validation: bool,
    /// deprecated: use --rollback-on-failure instead
    #[arg(long, hide = true)]
    pub atomic: bool,
    /// if set, no CRDs will be installed. By default, CRDs are installed if not already present
    #[arg(long)]
    pub skip_crds: bool,
    /// if set, render subchart notes along with the parent
    #[arg(long)]
    pub render_subchart_notes: bool,
    /// if set, disables JSON schema validation
    #[arg(long)]
    pub skip_schema_validation: bool,
    /// Labels that would be added to release metadata. Should be divided by comma.
    #[arg(short = 'l', long, value_delimiter = ',')]
    pub labels: Vec<String>,
    /// enable DNS lookups when rendering templates
    #[arg(long)]
    pub enable_dns: bool,
    /// if set, do not show notes in the output. Does not affect presence in chart metadata
    #[arg(long)]
    pub hide_notes: bool,
    /// if set, ignore the check for helm annotations and take ownership of the existing resources
    #[arg(long)]
    pub take_ownership: bool,
    /// hide Kubernetes Secrets when also using the --dry-run flag
    #[arg(long)]
    pub hide_secret: bool,
    /// simulates the operation either client-side or server-side. Must be either: "client", or "server". '--dry-run=client simulates the operation client-side only and avoids cluster connections. '--dry-run=server' simulates/validates the operation on the server, requiring cluster connectivity.
    #[arg(long, num_args = 0..=1, default_missing_value = "unset", require_equals = true)]
    pub dry_run: Option<String>,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
    /// the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used
    #[arg(long)]
    pub post_renderer: Vec<String>,
    /// an argument to the post-renderer (can specify multiple)
    #[arg(long)]
    pub post_renderer_args: Vec<String>,
}

/// `rudder install [NAME] [CHART] [flags]`
#[derive(Debug, Args)]
pub struct InstallArgs {
    /// NAME and CHART, or only CHART with --generate-name
    #[arg(num_args = 0..)]
    pub args: Vec<String>,
    /// Flags shared with upgrade.
    #[command(flatten)]
    pub release: ReleaseArgs,
    /// create the release namespace if not present
    #[arg(long)]
    pub create_namespace: bool,
    /// object updates run in the server instead of the client
    #[arg(long, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub server_side: Option<String>,
    /// prevent hooks from running during install
    #[arg(long)]
    pub no_hooks: bool,
    /// reuse the given name, only if that name is a deleted release which remains in the history. This is unsafe in production
    #[arg(long)]
    pub replace: bool,
    /// generate the name (and omit the NAME parameter)
    #[arg(short = 'g', long)]
    pub generate_name: bool,
    /// specify template used to name the release
    #[arg(long)]
    pub name_template: Option<String>,
    /// if set, Helm will rollback (uninstall) the installation upon failure. The --wait flag will be default to "watcher" if --rollback-on-failure is set
    #[arg(long)]
    pub rollback_on_failure: bool,
}

/// `rudder upgrade [RELEASE] [CHART] [flags]`
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// RELEASE and CHART
    #[arg(num_args = 0..)]
    pub args: Vec<String>,
    /// Flags shared with install.
    #[command(flatten)]
    pub release: ReleaseArgs,
    /// if --install is set, create the release namespace if not present
    #[arg(long)]
    pub create_namespace: bool,
    /// if a release by this name doesn't already exist, run an install
    #[arg(short = 'i', long)]
    pub install: bool,
    /// must be "true", "false" or "auto". Object updates run in the server instead of the client ("auto" defaults the value from the previous chart release's method)
    #[arg(long, default_value = "auto")]
    pub server_side: String,
    /// disable pre/post upgrade hooks
    #[arg(long)]
    pub no_hooks: bool,
    /// when upgrading, reset the values to the ones built into the chart
    #[arg(long)]
    pub reset_values: bool,
    /// when upgrading, reuse the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' is specified, this is ignored
    #[arg(long)]
    pub reuse_values: bool,
    /// when upgrading, reset the values to the ones built into the chart, apply the last release's values and merge in any overrides from the command line via --set and -f. If '--reset-values' or '--reuse-values' is specified, this is ignored
    #[arg(long)]
    pub reset_then_reuse_values: bool,
    /// if set, Helm will rollback the upgrade to previous success release upon failure. The --wait flag will be defaulted to "watcher" if --rollback-on-failure is set
    #[arg(long)]
    pub rollback_on_failure: bool,
    /// limit the maximum number of revisions saved per release. Use 0 for no limit
    #[arg(long)]
    pub history_max: Option<i64>,
    /// allow deletion of new resources created in this upgrade when upgrade fails
    #[arg(long)]
    pub cleanup_on_fail: bool,
    /// Rudder only: if the release's last revision is stuck in pending-install,
    /// pending-upgrade or pending-rollback because the process running that operation was
    /// killed, mark it failed first (its description says so) and then upgrade. Use it only
    /// when no other operation on the release is still running
    #[arg(long)]
    pub recover: bool,
}

/// `rudder rollback <RELEASE> [REVISION]`
#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// the release
    pub release: String,
    /// the revision to roll back to (0 or absent: the previous one)
    pub revision: Option<String>,
    /// force resource updates by replacement
    #[arg(long)]
    pub force_replace: bool,
    /// deprecated
    #[arg(long, hide = true)]
    pub force: bool,
    /// if set server-side apply will force changes against conflicts
    #[arg(long)]
    pub force_conflicts: bool,
    /// must be "true", "false" or "auto". Object updates run in the server instead of the client ("auto" defaults the value from the previous chart release's method)
    #[arg(long, default_value = "auto")]
    pub server_side: String,
    /// prevent hooks from running during rollback
    #[arg(long)]
    pub no_hooks: bool,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
    /// if set and --wait enabled, will wait until all Jobs have been completed before marking the release as successful. It will wait for as long as --timeout
    #[arg(long)]
    pub wait_for_jobs: bool,
    /// allow deletion of new resources created in this rollback when rollback fails
    #[arg(long)]
    pub cleanup_on_fail: bool,
    /// limit the maximum number of revisions saved per release. Use 0 for no limit
    #[arg(long)]
    pub history_max: Option<i64>,
    /// simulates the operation without persisting changes. Must be one of: "none" (default), "client", or "server"
    #[arg(long, num_args = 0..=1, default_missing_value = "unset", require_equals = true)]
    pub dry_run: Option<String>,
    /// wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.
    #[arg(long, num_args = 0..=1, default_missing_value = "watcher", require_equals = true)]
    pub wait: Option<String>,
}

/// `rudder uninstall RELEASE_NAME [...]`
#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// the releases
    #[arg(required = true)]
    pub releases: Vec<String>,
    /// simulate a uninstall
    #[arg(long)]
    pub dry_run: bool,
    /// prevent hooks from running during uninstallation
    #[arg(long)]
    pub no_hooks: bool,
    /// Treat "release not found" as a successful uninstall
    #[arg(long)]
    pub ignore_not_found: bool,
    /// remove all associated resources and mark the release as deleted, but retain the release history
    #[arg(long)]
    pub keep_history: bool,
    /// Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents. Defaults to background.
    #[arg(long, default_value = "background")]
    pub cascade: String,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
    /// add a custom description
    #[arg(long, default_value = "")]
    pub description: String,
    /// wait until resources are ready (up to --timeout). Use '--wait' alone for 'watcher' strategy, or specify one of: 'watcher', 'hookOnly', 'legacy'. Default when flag is omitted: 'hookOnly'.
    #[arg(long, num_args = 0..=1, default_missing_value = "watcher", require_equals = true)]
    pub wait: Option<String>,
}

/// `rudder status RELEASE_NAME`
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// the release
    pub release: String,
    /// if set, display the status of the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `rudder history RELEASE_NAME`
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// the release
    pub release: String,
    /// maximum number of revision to include in history
    #[arg(long, default_value_t = 256)]
    pub max: i64,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `rudder list`
#[derive(Debug, Args)]
pub struct ListArgs {
    /// show all releases without any filter applied (Helm 3's flag, hidden: Helm 4 dropped it)
    #[arg(short = 'a', long, hide = true)]
    pub all: bool,
    /// output short (quiet) listing format
    #[arg(short = 'q', long)]
    pub short: bool,
    /// don't print headers when using the default output format
    #[arg(long)]
    pub no_headers: bool,
    /// format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"
    #[arg(long, default_value = "")]
    pub time_format: String,
    /// sort by release date
    #[arg(short = 'd', long)]
    pub date: bool,
    /// reverse the sort order
    #[arg(short = 'r', long)]
    pub reverse: bool,
    /// show uninstalled releases (if 'helm uninstall --keep-history' was used)
    #[arg(long)]
    pub uninstalled: bool,
    /// show superseded releases
    #[arg(long)]
    pub superseded: bool,
    /// show releases that are currently being uninstalled
    #[arg(long)]
    pub uninstalling: bool,
    /// show deployed releases
    #[arg(long)]
    pub deployed: bool,
    /// show failed releases
    #[arg(long)]
    pub failed: bool,
    /// show pending releases
    #[arg(long)]
    pub pending: bool,
    /// list releases across all namespaces
    #[arg(short = 'A', long)]
    pub all_namespaces: bool,
    /// maximum number of releases to fetch
    #[arg(short = 'm', long, default_value_t = 256)]
    pub max: i64,
    /// next release index in the list, used to offset from start value
    #[arg(long, default_value_t = 0)]
    pub offset: i64,
    /// a regular expression (Perl compatible). Any releases that match the expression will be included in the results
    #[arg(short = 'f', long, default_value = "")]
    pub filter: String,
    /// Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Works only for secret(default) and configmap storage backends.
    #[arg(short = 'l', long, default_value = "")]
    pub selector: String,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `rudder get all|values|manifest|notes|hooks|metadata`
#[derive(Debug, Subcommand)]
pub enum GetCommand {
    /// download all information for a named release
    All(GetAllArgs),
    /// download the values file for a named release
    Values(GetValuesArgs),
    /// download the manifest for a named release
    Manifest(GetReleaseArgs),
    /// download the notes for a named release
    Notes(GetReleaseArgs),
    /// download all hooks for a named release
    Hooks(GetReleaseArgs),
    /// This command fetches metadata for a given release
    Metadata(GetMetadataArgs),
}

/// `rudder get manifest|notes|hooks RELEASE_NAME`
#[derive(Debug, Args)]
pub struct GetReleaseArgs {
    /// the release
    pub release: String,
    /// get the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
}

/// `rudder get all RELEASE_NAME`
#[derive(Debug, Args)]
pub struct GetAllArgs {
    /// the release
    pub release: String,
    /// get the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
    /// go template for formatting the output, eg: {{.Release.Name}}
    #[arg(long, default_value = "")]
    pub template: String,
}

/// `rudder get values RELEASE_NAME`
#[derive(Debug, Args)]
pub struct GetValuesArgs {
    /// the release
    pub release: String,
    /// get the named release with revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
    /// dump all (computed) values
    #[arg(short = 'a', long)]
    pub all: bool,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `rudder get metadata RELEASE_NAME`
#[derive(Debug, Args)]
pub struct GetMetadataArgs {
    /// the release
    pub release: String,
    /// specify release revision
    #[arg(long, default_value_t = 0)]
    pub revision: i64,
    /// prints the output in the specified format. Allowed values: table, json, yaml
    #[arg(short = 'o', long, default_value = "table")]
    pub output: String,
}

/// `rudder test [RELEASE]`
#[derive(Debug, Args)]
pub struct TestArgs {
    /// the release
    pub release: String,
    /// time to wait for any individual Kubernetes operation (like Jobs for hooks)
    #[arg(long, default_value = "5m0s")]
    pub timeout: String,
    /// dump the logs from test pods (this runs after all tests are complete, but before any cleanup)
    #[arg(long)]
    pub logs: bool,
    /// specify tests by attribute (currently "name") using attribute=value syntax or '!attribute=value' to exclude a test (can specify multiple or separate values with commas: name=test1,name=test2)
    #[arg(long, value_delimiter = ',')]
    pub filter: Vec<String>,
}
