{{ printf "%+v" (semver "1.2.3") }}
