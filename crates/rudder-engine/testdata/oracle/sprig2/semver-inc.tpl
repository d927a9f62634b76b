{{ (semver "v1.2.3").IncPatch }} {{ (semver "1.2.3-beta").IncPatch }} {{ (semver "1.2.3").IncMinor }} {{ (semver "1.2.3").IncMajor }} {{ (semver "v1.2.3").IncMinor.Major }}
