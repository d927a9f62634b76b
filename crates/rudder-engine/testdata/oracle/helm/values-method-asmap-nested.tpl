{{ printf "%v" .Values.AsMap.nested }}|{{ typeOf .Values.AsMap.nested }}
