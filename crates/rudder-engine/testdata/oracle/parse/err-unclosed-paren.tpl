{{ printf "%d" (len .Values.list }}
