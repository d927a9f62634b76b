{{ "weird: a:b\nurl: http://example.com:8080/path?x=1#frag\ncolon: 'a: b'\ndash: -x\n" | fromYaml | toYaml }}
