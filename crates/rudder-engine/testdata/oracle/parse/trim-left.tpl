a   
	{{- .Values.str }}
