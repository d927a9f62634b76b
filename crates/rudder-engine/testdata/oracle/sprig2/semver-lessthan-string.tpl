{{ (semver "1.0.0").LessThan "2.0.0" }}
