{{ .Values.PathValue "map.a" }}|{{ .Values.PathValue "nested.deep.deeper.value" }}|{{ .Values.PathValue "str" }}|{{ .Values.PathValue "list" }}
