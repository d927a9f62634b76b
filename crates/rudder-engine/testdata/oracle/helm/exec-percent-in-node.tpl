{{ printf "%d%%" .Values.nil.x }}
