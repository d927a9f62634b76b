{{ if ge (int .Capabilities.KubeVersion.Minor) 19 }}new{{ end }}
