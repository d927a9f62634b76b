{{ toPrettyJson (dict "a" (list 1 (dict) (list) (dict "b" (list (list)))) "c" "d") }}
