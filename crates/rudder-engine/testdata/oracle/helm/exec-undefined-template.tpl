{{ template "nope" . }}
