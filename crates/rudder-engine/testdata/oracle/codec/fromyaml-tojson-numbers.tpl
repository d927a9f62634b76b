{{ "big: 100000000000000000000\nbigger: 1e21\nsmall: 0.000001\nsmaller: 1e-7\nneg: -1.5e-10\nint64max: 9223372036854775807\nfrac: 123456789.123\n" | fromYaml | toJson }}
