{{ .Values.absent | required "piped" }}
