{{ (semver "1.0.0+a").Equal (semver "1.0.0+b") }}
