{{ toToml (dict "s" "q\"\\\t\n\u007f\u0001é" "k.e y" 1 "" 2) }}
