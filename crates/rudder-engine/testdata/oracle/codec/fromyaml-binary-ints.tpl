{{ "a: 0b1010\nb: -0b11\nc: 0B11\nd: 0X1f\ne: 1__0\nf: _1\ng: 1_\n" | fromYaml | toYaml }}
