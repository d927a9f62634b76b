{{ semver "1.2" }} {{ semver "v2" }} {{ semver "01.02.03" }}
