{{ .Values.str -}}   
	 b
