{{ typeOf .Capabilities }} {{ typeOf .Capabilities.KubeVersion }} {{ typeOf .Capabilities.APIVersions }}
