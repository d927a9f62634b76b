{{ date "2006" .Values.float | len }}
