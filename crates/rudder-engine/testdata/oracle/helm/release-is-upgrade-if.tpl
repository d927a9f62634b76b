{{ if .Release.IsUpgrade }}up{{ else if .Release.IsInstall }}install{{ end }}
