{{ $x٣ := 1 }}{{ $x٣ }} [{{ .Values.naïve }}]
