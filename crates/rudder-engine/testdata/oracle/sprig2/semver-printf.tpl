{{ printf "%v %s %T" (semver "v1.2.3") (semver "v1.2.3") (semver "v1.2.3") }}
