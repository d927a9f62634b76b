{{ printf "%T" .Capabilities.KubeVersion.String }}|{{ printf "%v" (semver "1.0.0").Major }}|{{ typeOf (semver "1.0.0").Major }}
