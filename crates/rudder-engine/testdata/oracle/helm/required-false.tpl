{{ required "false is fine" .Values.false }}
