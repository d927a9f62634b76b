app: {{ .Chart.AppVersion | quote }} name: {{ .Chart.Name | title }}
