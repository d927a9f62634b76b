{{ index .Values.list 1 }} {{ len .Values.map }} {{ slice .Values.strs 1 }}
