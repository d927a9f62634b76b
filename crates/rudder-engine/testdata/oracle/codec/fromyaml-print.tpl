{{ fromYaml "a: 1\nb: [1, 2.5, x]\nc: {d: 1e6}" }}
