{{ kindOf .Files }} {{ kindOf .Capabilities }} {{ kindOf .Capabilities.APIVersions }} {{ kindOf .Capabilities.KubeVersion }} {{ kindOf .Chart }}
