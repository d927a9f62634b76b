{{.Values.str}}{{.Values.name}}
