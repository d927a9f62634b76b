héllo wörld ✓ {{ .Values.name }} 日本
