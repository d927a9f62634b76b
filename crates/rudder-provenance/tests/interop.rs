//! Interop with real tools: keys made by `gpg`, signatures checked by `gpg --verify` and by real
//! Helm (the `helm_python` oracle), and Helm's signatures checked by Rudder.
//!
//! Outside CI a missing `gpg` or `helm_python` skips these tests; under `CI=true` it fails them.

use std::path::{Path, PathBuf};
use std::process::Command;

use rudder_provenance::{Error, Keyring, Signatory, verify_chart};

fn have(cmd: &mut Command) -> bool {
    cmd.output().is_ok_and(|o| o.status.success())
}

/// Whether the tools are present; under CI their absence is a failure.
fn tools() -> bool {
    let ok = have(Command::new("gpg").arg("--version"))
        && have(Command::new("python3").args(["-c", "import helm_python"]));
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "gpg and python3 with helm_python are needed under CI"
    );
    ok
}

struct Fixture {
    dir: tempfile::TempDir,
}

/// gpg starts an agent per home; stop it with the fixture.
impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .env("GNUPGHOME", self.path("gnupg"))
            .args(["--kill", "gpg-agent"])
            .output();
    }
}

impl Fixture {
    /// Keys `Rudder Test` (no passphrase) and `Locked Key` (passphrase `s3cret`) in
    /// `pubring.gpg`/`secring.gpg`, `Other Key` alone in `other.gpg`, and a packaged chart.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary directory");
        let f = Fixture { dir };
        let home = f.path("gnupg");
        fs_err::create_dir(&home).expect("GNUPGHOME");
        {
            use std::os::unix::fs::PermissionsExt;
            fs_err::set_permissions(&home, std::fs::Permissions::from_mode(0o700))
                .expect("GNUPGHOME mode");
        }
        let batch = |spec: &str, name: &str| {
            let file = f.path(name);
            fs_err::write(&file, spec).expect("key spec");
            f.gpg(&[
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "s3cret",
                "--gen-key",
            ])
            .arg(&file)
            .status()
            .expect("gpg --gen-key");
        };
        batch(
            "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Rudder Test\nName-Email: rudder@example.com\nExpire-Date: 0\n%commit\nKey-Type: RSA\nKey-Length: 2048\nName-Real: Other Key\nName-Email: other@example.com\nExpire-Date: 0\n%commit\n",
            "k1",
        );
        batch(
            "Key-Type: RSA\nKey-Length: 2048\nPassphrase: s3cret\nName-Real: Locked Key\nName-Email: locked@example.com\nExpire-Date: 0\n%commit\n",
            "k2",
        );
        let export = |args: &[&str], out: &str| {
            let o = f.gpg(args).output().expect("gpg --export");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            fs_err::write(f.path(out), o.stdout).expect("keyring");
        };
        export(&["--export", "Rudder Test", "Locked Key"], "pubring.gpg");
        export(
            &[
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "s3cret",
                "--export-secret-keys",
                "Rudder Test",
                "Locked Key",
            ],
            "secring.gpg",
        );
        export(&["--export", "Other Key"], "other.gpg");
        fs_err::write(f.path("pass.txt"), "s3cret\n").expect("passphrase file");
        fs_err::write(f.path("wrong.txt"), "nope\n").expect("passphrase file");

        let chart = f.path("mychart");
        fs_err::create_dir_all(chart.join("templates")).expect("chart dir");
        fs_err::write(
            chart.join("Chart.yaml"),
            "apiVersion: v2\nname: mychart\nversion: 0.1.0\ndescription: A chart\nappVersion: \"1.0\"\nkeywords: [a, b]\n",
        )
        .expect("Chart.yaml");
        fs_err::write(chart.join("values.yaml"), "a: 1\n").expect("values.yaml");
        fs_err::write(chart.join("templates/x.yaml"), "x: {{ .Values.a }}\n").expect("template");
        Fixture::python(&format!(
            "h.package({:?}, destination={:?})",
            chart.display().to_string(),
            f.path("").display().to_string()
        ))
        .expect("helm package");
        f
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn archive(&self) -> PathBuf {
        self.path("mychart-0.1.0.tgz")
    }

    fn gpg(&self, args: &[&str]) -> Command {
        let mut c = Command::new("gpg");
        c.env("GNUPGHOME", self.path("gnupg"))
            .args(["--batch", "--yes", "--quiet"])
            .args(args);
        c
    }

    /// Runs Python with `h` = `helm_python`; returns stdout or Helm's error message.
    fn python(code: &str) -> Result<String, String> {
        let script = format!(
            "import helm_python as h, sys\ntry:\n    r = {code}\n    print(r)\nexcept h.HelmError as e:\n    print(str(e), file=sys.stderr)\n    sys.exit(3)\n"
        );
        let o = Command::new("python3")
            .args(["-c", &script])
            .output()
            .expect("python3");
        if o.status.success() {
            Ok(String::from_utf8_lossy(&o.stdout).into_owned())
        } else {
            Err(String::from_utf8_lossy(&o.stderr).trim_end().to_owned())
        }
    }

    fn helm_verify(&self, archive: &Path, keyring: &str) -> Result<String, String> {
        Self::python(&format!(
            "h.verify({:?}, {:?})",
            archive.display().to_string(),
            self.path(keyring).display().to_string()
        ))
    }

    fn helm_sign(
        &self,
        archive: &Path,
        key: &str,
        passphrase: Option<&str>,
    ) -> Result<String, String> {
        let pass = passphrase.map_or("None".to_owned(), |p| {
            format!("{:?}", self.path(p).display().to_string())
        });
        Self::python(&format!(
            "h.sign({:?}, key={key:?}, keyring={:?}, passphrase_file={pass})",
            archive.display().to_string(),
            self.path("secring.gpg").display().to_string()
        ))
    }

    /// Signs the archive with Rudder, as `rudder package --sign` does, and writes the `.prov`.
    fn rudder_sign(&self, key: &str, passphrase: Option<&[u8]>) -> Result<PathBuf, Error> {
        let ring = Keyring::load(self.path("secring.gpg"))?;
        let mut s = Signatory::from_keyring(ring, key)?;
        s.decrypt_key(|_| {
            passphrase
                .map(<[u8]>::to_vec)
                .ok_or_else(|| "no passphrase".to_owned())
        })?;
        let archive = fs_err::read(self.archive()).expect("archive");
        let prov = s.sign_chart(&archive, "mychart-0.1.0.tgz")?;
        let out = self.path("mychart-0.1.0.tgz.prov");
        fs_err::write(&out, prov).expect("write .prov");
        Ok(out)
    }
}

#[test]
fn rudder_signs_and_helm_and_gpg_verify() {
    if !tools() {
        return;
    }
    let f = Fixture::new();
    let prov = f.rudder_sign("Rudder", None).expect("sign");
    let text = fs_err::read_to_string(&prov).expect("read .prov");
    assert!(
        text.starts_with("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"),
        "{text}"
    );

    let helm = f
        .helm_verify(&f.archive(), "pubring.gpg")
        .expect("helm verifies");
    assert!(helm.contains("Rudder Test <rudder@example.com>"), "{helm}");
    assert!(helm.contains(&format!(
        "sha256:{}",
        rudder_provenance::digest(&fs_err::read(f.archive()).expect("archive"))
    )));

    let o = f
        .gpg(&["--verify"])
        .arg(&prov)
        .output()
        .expect("gpg --verify");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let ours = verify_chart(f.archive(), &prov, f.path("pubring.gpg")).expect("rudder verifies");
    assert_eq!(
        ours.signed_by,
        vec!["Rudder Test <rudder@example.com>".to_owned()]
    );
}

#[test]
fn helm_signs_and_rudder_verifies() {
    if !tools() {
        return;
    }
    let f = Fixture::new();
    f.helm_sign(&f.archive(), "Rudder", None)
        .expect("helm signs");
    let prov = f.path("mychart-0.1.0.tgz.prov");
    let v = verify_chart(f.archive(), &prov, f.path("pubring.gpg")).expect("verifies");
    let fpr = f
        .gpg(&["--with-colons", "--fingerprint", "Rudder Test"])
        .output()
        .expect("gpg --fingerprint");
    let fpr = String::from_utf8_lossy(&fpr.stdout);
    assert!(
        fpr.contains(&format!("fpr:::::::::{}:", v.fingerprint)),
        "{fpr}"
    );
    let report = v.report();
    assert!(
        report.starts_with(
            "Signed by: Rudder Test <rudder@example.com>\nUsing Key With Fingerprint: "
        )
    );
    assert!(report.ends_with(&format!("Chart Hash Verified: {}\n", v.file_hash)));

    // The same text is what Rudder would have signed.
    let text = fs_err::read_to_string(&prov).expect("read .prov");
    let archive = fs_err::read(f.archive()).expect("archive");
    let chart = rudder_chart::load_archive(&archive).expect("chart");
    let md = rudder_chart::metadata_yaml(&chart.metadata, false).expect("metadata");
    let block = rudder_provenance::message_block(&archive, "mychart-0.1.0.tgz", &md);
    // The cleartext framework escapes lines that start with a dash.
    let escaped: String = block
        .lines()
        .map(|l| {
            if l.starts_with('-') {
                format!("- {l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let body = format!(
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{escaped}\n-----BEGIN PGP SIGNATURE-----\n"
    );
    assert!(text.starts_with(&body), "{text}\n---\n{body}");
    let ours = f.rudder_sign("Rudder", None).expect("sign");
    assert!(
        fs_err::read_to_string(ours)
            .expect("read")
            .starts_with(&body)
    );

    // Both sign with the locked key given the passphrase.
    f.helm_sign(&f.archive(), "Locked", Some("pass.txt"))
        .expect("helm signs");
    let v = verify_chart(f.archive(), &prov, f.path("pubring.gpg")).expect("verifies");
    assert_eq!(
        v.signed_by,
        vec!["Locked Key <locked@example.com>".to_owned()]
    );
}

/// Each failure gives Helm's message, from both implementations.
#[test]
fn failures_match_helm() {
    if !tools() {
        return;
    }
    let f = Fixture::new();
    let prov = f.rudder_sign("Rudder", None).expect("sign");
    let helm_err =
        |archive: &Path, ring: &str| f.helm_verify(archive, ring).expect_err("helm fails");
    let ours_err = |archive: &Path, prov: &Path, ring: &str| {
        verify_chart(archive, prov, f.path(ring))
            .expect_err("rudder fails")
            .to_string()
    };

    // Wrong keyring.
    assert_eq!(
        ours_err(&f.archive(), &prov, "other.gpg"),
        helm_err(&f.archive(), "other.gpg")
    );
    assert_eq!(
        ours_err(&f.archive(), &prov, "other.gpg"),
        "openpgp: signature made by unknown entity"
    );
    // Keyrings that are not keyrings: garbage, cut short, empty.
    let ring = fs_err::read(f.path("pubring.gpg")).expect("pubring");
    fs_err::write(f.path("junk.gpg"), "garbage").expect("junk");
    fs_err::write(f.path("cut.gpg"), &ring[..300]).expect("cut");
    fs_err::write(f.path("empty.gpg"), "").expect("empty");
    for ring in ["junk.gpg", "cut.gpg", "empty.gpg"] {
        assert_eq!(
            ours_err(&f.archive(), &prov, ring),
            helm_err(&f.archive(), ring),
            "{ring}"
        );
    }
    // Missing keyring.
    assert_eq!(
        ours_err(&f.archive(), &prov, "none.gpg"),
        helm_err(&f.archive(), "none.gpg")
    );

    // Tampered archive, same name.
    let tampered = f.path("t").join("mychart-0.1.0.tgz");
    fs_err::create_dir(f.path("t")).expect("dir");
    let mut data = fs_err::read(f.archive()).expect("archive");
    data.push(0);
    fs_err::write(&tampered, &data).expect("tampered");
    let tprov = f.path("t").join("mychart-0.1.0.tgz.prov");
    fs_err::copy(&prov, &tprov).expect("copy");
    let ours = ours_err(&tampered, &tprov, "pubring.gpg");
    assert_eq!(ours, helm_err(&tampered, "pubring.gpg"));
    assert!(
        ours.starts_with("sha256 sum does not match for mychart-0.1.0.tgz: "),
        "{ours}"
    );

    // Tampered .prov text.
    let text = fs_err::read_to_string(&prov).expect("read");
    fs_err::write(&tprov, text.replace("version: 0.1.0", "version: 0.1.1")).expect("write");
    fs_err::copy(f.archive(), &tampered).expect("copy");
    let ours = ours_err(&tampered, &tprov, "pubring.gpg");
    assert_eq!(ours, helm_err(&tampered, "pubring.gpg"));

    // Not a signature at all.
    fs_err::write(&tprov, "hello\n").expect("write");
    assert_eq!(
        ours_err(&tampered, &tprov, "pubring.gpg"),
        helm_err(&tampered, "pubring.gpg")
    );

    // Locked key: no passphrase, wrong passphrase, then the right one.
    fs_err::remove_file(&prov).expect("remove");
    let none = f
        .rudder_sign("Locked", None)
        .expect_err("needs a passphrase");
    assert!(matches!(none, Error::Passphrase(_)), "{none}");
    assert!(!prov.exists());
    let wrong = f
        .rudder_sign("Locked", Some(b"nope"))
        .expect_err("wrong passphrase");
    assert_eq!(
        wrong.to_string(),
        f.helm_sign(&f.archive(), "Locked", Some("wrong.txt"))
            .expect_err("helm fails")
    );
    assert!(!prov.exists());
    f.rudder_sign("Locked", Some(b"s3cret"))
        .expect("right passphrase");
    f.helm_verify(&f.archive(), "pubring.gpg")
        .expect("helm verifies");

    // A key that expired after a day, made in 2020: both sign with it, neither verifies.
    let o = f
        .gpg(&[
            "--faked-system-time",
            "20200101T000000",
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Old Key <old@example.com>",
            "ed25519",
            "sign",
            "1d",
        ])
        .output()
        .expect("gpg --quick-gen-key");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (args, out) in [
        (&["--export", "Old Key"][..], "oldpub.gpg"),
        (&["--export-secret-keys", "Old Key"][..], "oldsec.gpg"),
    ] {
        let o = f.gpg(args).output().expect("gpg --export");
        fs_err::write(f.path(out), o.stdout).expect("keyring");
    }
    let ring = Keyring::load(f.path("oldsec.gpg")).expect("ring");
    let s = Signatory::from_keyring(ring, "Old").expect("signatory");
    let archive = fs_err::read(f.archive()).expect("archive");
    fs_err::write(
        &prov,
        s.sign_chart(&archive, "mychart-0.1.0.tgz").expect("signs"),
    )
    .expect("write");
    let ours = ours_err(&f.archive(), &prov, "oldpub.gpg");
    assert_eq!(ours, "openpgp: key expired");
    assert_eq!(ours, helm_err(&f.archive(), "oldpub.gpg"));

    // Key selection.
    for key in ["Nobody", "example.com"] {
        let ours = f.rudder_sign(key, None).expect_err("no key").to_string();
        assert_eq!(
            ours,
            f.helm_sign(&f.archive(), key, None)
                .expect_err("helm fails")
        );
    }
    let ring = Keyring::load(f.path("pubring.gpg")).expect("ring");
    let s = Signatory::from_keyring(ring, "Rudder").expect("signatory");
    let public = s.sign_chart(&fs_err::read(f.archive()).expect("archive"), "x.tgz");
    assert_eq!(
        public.expect_err("public key").to_string(),
        "provided key is not a private key. Try providing a keyring with secret keys"
    );
}
