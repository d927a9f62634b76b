{{ with $x := .Capabilities.KubeVersion }}{{ $x }}{{ end }}|{{ and .Capabilities.KubeVersion }}|{{ or 0 .Capabilities.KubeVersion }}
