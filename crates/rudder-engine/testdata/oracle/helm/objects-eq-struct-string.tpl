{{ eq .Capabilities.KubeVersion "v1.36.0" }}
