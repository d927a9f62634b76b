{{ toYaml "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word" }}
