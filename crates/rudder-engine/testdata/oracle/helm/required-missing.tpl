{{ required "A valid .Values.absent entry required!" .Values.absent }}
