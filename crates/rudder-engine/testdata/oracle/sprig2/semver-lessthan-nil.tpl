{{ (semver "1.0.0").LessThan nil }}
