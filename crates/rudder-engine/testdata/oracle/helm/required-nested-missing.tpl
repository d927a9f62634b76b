{{ required "deep" .Values.nested.deep.nope }}
