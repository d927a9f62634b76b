{{ .Capabilities.HelmVersion | toString }}|{{ .Capabilities.HelmVersion | quote }}
