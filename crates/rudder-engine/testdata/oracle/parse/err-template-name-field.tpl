{{ template .Values.str }}
