{{ $m := dict }}{{ $_ := set $m "k" .Capabilities.KubeVersion }}{{ $m.k }}|{{ get $m "k" }}|{{ first (list .Capabilities.KubeVersion) }}
