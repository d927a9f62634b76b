{{ if .Values.bool }}
yes
