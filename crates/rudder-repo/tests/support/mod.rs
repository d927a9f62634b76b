//! Chart archives for the repository tests.

use std::path::{Path, PathBuf};

use rudder_chart::File;

/// Packages a small chart into `dir`; returns the archive's path.
pub fn package(dir: &Path, name: &str, version: &str, description: &str) -> PathBuf {
    let chart = rudder_chart::load_files(vec![
        File::new(
            "Chart.yaml",
            format!(
                "apiVersion: v2\nname: {name}\nversion: {version}\ndescription: {description}\nappVersion: \"1.0\"\n"
            )
            .into_bytes(),
        ),
        File::new("values.yaml", &b"replicas: 1\n"[..]),
        File::new(
            "templates/cm.yaml",
            &b"kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"[..],
        ),
    ])
    .expect("chart loads");
    rudder_chart::save_archive(&chart, dir, &|_| 0).expect("chart packs")
}
