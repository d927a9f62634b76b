{{ printf "%d-%d" (len .Values.list) (len .Values.strs) }}
