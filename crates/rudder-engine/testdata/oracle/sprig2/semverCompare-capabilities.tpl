{{ semverCompare ">=1.20-0" .Capabilities.KubeVersion.GitVersion }}
