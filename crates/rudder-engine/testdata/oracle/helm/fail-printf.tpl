{{ fail (printf "bad value %v for %s" .Values.int "int") }}
