{{ toYaml (list (b64dec "aGVsbG8=" | toString)) }}
