{{ toYaml "日本語" }}
