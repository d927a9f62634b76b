{{ "a: 190:20:30\nb: 1:2\n" | fromYaml | toYaml }}
