{{ not .Capabilities.KubeVersion }}|{{ and .Capabilities.KubeVersion 1 }}|{{ or .Capabilities.KubeVersion 1 }}
