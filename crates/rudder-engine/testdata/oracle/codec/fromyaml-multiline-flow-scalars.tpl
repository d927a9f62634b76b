{{ "a: 'multi\n  line single'\nb: \"multi\n  line double\"\nc: plain\n  continued\n" | fromYaml | toYaml }}
