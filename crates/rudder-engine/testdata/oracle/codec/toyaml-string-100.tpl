{{ toYaml "<b>&amp;</b>" }}
