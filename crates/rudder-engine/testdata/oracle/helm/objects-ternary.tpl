{{ ternary .Capabilities.KubeVersion 1 true }}
