{{- range $z := (list "UTC" "America/New_York" "Europe/London" "Asia/Kolkata" "Australia/Lord_Howe" "America/St_Johns" "Pacific/Chatham" "Africa/Casablanca" "America/Sao_Paulo" "Asia/Kathmandu") }}
{{- range $e := list 0 1 -1 951782400 1700000000 1709208245 1735689599 1735689600 2147483647 4102444800 -2208988800 1234567890 }}
{{ dateInZone "Mon Jan _2 2006-01-02 15:04:05 PM MST -07:00 Z0700 002" $e $z }}{{ end }}
{{ end }}