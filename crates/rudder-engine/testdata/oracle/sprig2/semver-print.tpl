{{ semver "v1.2.3-rc.1+build.5" }}
