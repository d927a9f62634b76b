{{ printf "%v" .Values.absent }}
