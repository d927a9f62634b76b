{{ "lit: |\n  line1\n  line2\nfold: >\n  folded\n  text\n\n  para\nkeep: |+\n  x\n\nstrip: |-\n  y\nindented: |2\n    four\n" | fromYaml | toJson }}
