{{ .Chart }}
