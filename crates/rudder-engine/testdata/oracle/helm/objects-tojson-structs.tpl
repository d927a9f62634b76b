{{ toJson .Capabilities.KubeVersion }}|{{ toJson .Capabilities.HelmVersion }}
