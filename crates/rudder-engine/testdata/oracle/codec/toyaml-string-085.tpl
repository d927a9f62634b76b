{{ toYaml "long line long line long line long line long line long line long line long line long line long line long line long line\nsecond" }}
