{{ toYaml (semver "1.2.3") }}|{{ toYaml (dict "v" (semver "1.2.3")) }}
