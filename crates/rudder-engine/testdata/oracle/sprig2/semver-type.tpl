{{ typeOf (semver "1.0.0") }} {{ kindOf (semver "1.0.0") }}
