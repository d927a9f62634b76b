{{ if .Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress" }}kind{{ else }}nokind{{ end }}
