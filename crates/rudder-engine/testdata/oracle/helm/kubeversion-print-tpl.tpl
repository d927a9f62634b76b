{{ tpl "{{ . }}" .Capabilities.KubeVersion }}
