{{ $v := semver "1.0.0" }}{{ $v.LessThan (semver "2.0.0") }} {{ (semver "1.2.3").Compare (semver "1.2.3") }} {{ (semver "1.0.0").SetPrerelease "rc1" }}
