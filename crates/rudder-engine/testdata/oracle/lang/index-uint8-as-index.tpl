{{ index (list 1 2 3) (index "\x01" 0) }}|{{ if index "\x00" 0 }}T{{ else }}F{{ end }}|{{ index (.Files.GetBytes "missing" | toString) 0 }}
