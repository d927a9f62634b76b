{{ "a: !!str 123\nb: !!int \"42\"\nc: !!float 1\nd: !!bool yes\ne: !!null ''\nf: !custom foo\ng: !!binary aGVsbG8=\n" | fromYaml | toYaml }}
