{{ empty .Capabilities.KubeVersion }}|{{ empty .Capabilities }}|{{ default "d" .Capabilities.KubeVersion | typeOf }}
