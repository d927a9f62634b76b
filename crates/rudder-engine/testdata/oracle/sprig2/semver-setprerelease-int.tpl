{{ (semver "1.0.0").SetPrerelease 1 }}
