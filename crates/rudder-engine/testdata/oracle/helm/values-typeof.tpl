{{ typeOf .Values }} {{ typeOf .Values.map }}
