{{ toYaml (dict "a\nb" 1) }}
