{{ deepCopy .Capabilities.KubeVersion | typeOf }}
