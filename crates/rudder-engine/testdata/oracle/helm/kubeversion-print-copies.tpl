{{ $k := .Capabilities.KubeVersion | default "x" }}{{ $k }}|{{ $j := .Capabilities.KubeVersion }}{{ $j }}|{{ (.Capabilities.KubeVersion | default "x").Version }}|{{ and 1 .Capabilities.KubeVersion }}
