{{ $m := fromYaml "a: 1\nb: yes\nc: x\nd: [1]\ne: {}\nf: ~" }}{{ range $k, $v := $m }}{{ $k }}={{ kindOf $v }} {{ end }}
