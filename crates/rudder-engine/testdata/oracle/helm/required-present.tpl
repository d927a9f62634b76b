{{ required "need str" .Values.str }}
