{{ "a: &a [1, 2]\nb: *a\nc: &c hello\nd: *c\n" | fromYaml | toYaml }}
