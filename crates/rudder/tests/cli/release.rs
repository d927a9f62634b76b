//! `list`, `history`, `status` and `get` over releases preloaded into the memory driver
//! (`HELM_MEMORY_DRIVER_DATA`), compared with the output real Helm gave for the same releases
//! in its own command tests. `scripts/release_cmd_goldens.py` writes the fixtures
//! (`testdata/releases/`) and copies Helm's outputs (`golden/release-read/`).

use std::path::PathBuf;

use crate::{context, golden, report};

/// (fixture, arguments, golden)
const CASES: &[(&str, &str, &str)] = &[
    ("list", "list", "list-all.txt"),
    ("list", "list --no-headers", "list-all-no-headers.txt"),
    ("list", "list --date", "list-all-date.txt"),
    ("list", "list --failed", "list-failed.txt"),
    ("list", "list --filter=.*", "list-all.txt"),
    ("list", "list --max 1", "list-all-max.txt"),
    ("list", "list --offset 1", "list-all-offset.txt"),
    ("list", "list --pending", "list-pending.txt"),
    ("list", "list --reverse", "list-all-reverse.txt"),
    (
        "list",
        "list --date --reverse",
        "list-all-date-reversed.txt",
    ),
    ("list", "list --short", "list-all-short.txt"),
    (
        "list",
        "list --short --output yaml",
        "list-all-short-yaml.txt",
    ),
    (
        "list",
        "list --short --output json",
        "list-all-short-json.txt",
    ),
    ("list", "list --deployed --failed", "list.txt"),
    ("list", "list --superseded", "list-superseded.txt"),
    ("list", "list --uninstalled", "list-uninstalled.txt"),
    ("list", "list --uninstalling", "list-uninstalling.txt"),
    ("list-milano", "list -n milano", "list-namespace.txt"),
    ("angry-bird-4", "history angry-bird", "history.txt"),
    (
        "angry-bird-2",
        "history angry-bird --max 2",
        "history-limit.txt",
    ),
    (
        "angry-bird-2",
        "history angry-bird --output yaml",
        "history.yaml",
    ),
    (
        "angry-bird-2",
        "history angry-bird --output json",
        "history.json",
    ),
    ("thomas-guide", "get all thomas-guide", "get-release.txt"),
    (
        "elevated-turkey",
        "get all elevated-turkey --template {{.Release.Chart.Metadata.Version}}",
        "get-release-template.txt",
    ),
    ("thomas-guide", "get values thomas-guide", "get-values.txt"),
    (
        "thomas-guide",
        "get values thomas-guide --all",
        "get-values-all.txt",
    ),
    (
        "thomas-guide",
        "get values thomas-guide --output json",
        "values.json",
    ),
    (
        "thomas-guide",
        "get values thomas-guide --output yaml",
        "values.yaml",
    ),
    ("aeneas", "get hooks aeneas", "get-hooks.txt"),
    ("the-limerick", "get notes the-limerick", "get-notes.txt"),
    ("juno", "get manifest juno", "get-manifest.txt"),
    ("status", "status flummoxed-chickadee", "status.txt"),
    (
        "status-with-desc",
        "status flummoxed-chickadee",
        "status-with-desc.txt",
    ),
    (
        "status-with-notes",
        "status flummoxed-chickadee",
        "status-with-notes.txt",
    ),
    (
        "status-with-notes",
        "status flummoxed-chickadee -o json",
        "status.json",
    ),
    (
        "status-with-test-suite",
        "status flummoxed-chickadee",
        "status-with-test-suite.txt",
    ),
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/releases")
        .join(format!("{name}.yaml"))
}

#[test]
fn release_reading_commands_print_what_helm_prints() {
    let mut failures = Vec::new();
    for (fixture_name, args, golden_name) in CASES {
        let mut ctx = context();
        ctx.env("HELM_DRIVER", "memory")
            .env(
                "HELM_MEMORY_DRIVER_DATA",
                &fixture(fixture_name).to_string_lossy(),
            )
            .env("TZ", "UTC");
        let args: Vec<&str> = args.split(' ').collect();
        let out = ctx.run(&args);
        let expected = fs_err::read_to_string(golden(&format!("release-read/{golden_name}")))
            .expect("the golden exists");
        if out.code != 0 || out.stdout != expected {
            failures.push(format!(
                "rudder {}: exit {}\n--- rudder\n{}{}--- helm ({golden_name})\n{expected}",
                args.join(" "),
                out.code,
                out.stdout,
                out.stderr
            ));
        }
    }
    report(&failures, CASES.len());
}

#[test]
fn missing_release_and_bad_names_read_as_in_helm() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "memory")
        .env(
            "HELM_MEMORY_DRIVER_DATA",
            &fixture("thomas-guide").to_string_lossy(),
        )
        .env("TZ", "UTC");
    let cases = [
        ("status nope", "Error: release: not found\n"),
        ("history nope", "Error: release: not found\n"),
        ("get values nope", "Error: release: not found\n"),
        (
            "get values thomas-guide --revision 7",
            "Error: release: not found\n",
        ),
        (
            "status Bad_Name",
            "Error: releaseContent: Release name is invalid: Bad_Name\n",
        ),
        (
            "history Bad_Name",
            "Error: release name is invalid: Bad_Name\n",
        ),
        (
            "rollback thomas-guide 5",
            "Error: release has no 5 version\n",
        ),
        (
            "rollback thomas-guide x",
            "Error: could not convert revision to a number: strconv.Atoi: parsing \"x\": invalid syntax\n",
        ),
        (
            "uninstall thomas-guide --cascade sideways",
            "Error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\"\n",
        ),
        (
            "uninstall nope",
            "Error: uninstall: Release not loaded: nope: release: not found\n",
        ),
        (
            "list --filter (",
            "Error: error parsing regexp: missing closing ): `(`\n",
        ),
    ];
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let out = ctx.run(&args.split(' ').collect::<Vec<_>>());
        if out.code != 1 || out.stderr != expected {
            failures.push(format!(
                "rudder {args}: exit {}, stderr {:?}, want {expected:?}",
                out.code, out.stderr
            ));
        }
    }
    report(&failures, cases.len());
}

#[test]
fn uninstall_and_rollback_print_helm_messages() {
    let mut ctx = context();
    ctx.env("HELM_DRIVER", "memory")
        .env(
            "HELM_MEMORY_DRIVER_DATA",
            &fixture("angry-bird-2").to_string_lossy(),
        )
        .env("TZ", "UTC");
    // Each run preloads the fixture again: the memory driver lives as long as the process.
    let out = ctx.run(&["rollback", "angry-bird", "3"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Rollback was a success! Happy Helming!\n"),
        "{}",
        out.stderr
    );
    let out = ctx.run(&["uninstall", "angry-bird", "--keep-history"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "release \"angry-bird\" uninstalled\n"),
        "{}",
        out.stderr
    );
    let out = ctx.run(&["uninstall", "angry-bird", "nope", "--ignore-not-found"]);
    assert_eq!(
        out.stdout,
        "release \"angry-bird\" uninstalled\nrelease \"nope\" uninstalled\n"
    );
}
