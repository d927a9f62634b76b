{{ semver "abc" }}
