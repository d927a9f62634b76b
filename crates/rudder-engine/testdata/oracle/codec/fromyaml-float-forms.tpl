{{ "a: 12e03\nb: 1.e2\nc: .5\nd: -.5\ne: +.5\nf: 1.2.3\ng: 1e\nh: '1e3'\n" | fromYaml | toYaml }}
