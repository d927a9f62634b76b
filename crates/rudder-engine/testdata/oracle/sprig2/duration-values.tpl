{{ duration .Values.int }} {{ duration .Values.numstr }}
