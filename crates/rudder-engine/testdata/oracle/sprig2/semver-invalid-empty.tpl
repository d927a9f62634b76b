{{ semver "" }}
