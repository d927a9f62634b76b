{{ printf "%s-%s"
  .Values.str
  .Values.name }}
