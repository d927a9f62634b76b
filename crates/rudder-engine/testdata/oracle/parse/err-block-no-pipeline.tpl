{{ block "b" }}x{{ end }}
