{{ eq .Capabilities.KubeVersion .Capabilities.KubeVersion }}
