x

  {{- .Values.str -}}  

y
