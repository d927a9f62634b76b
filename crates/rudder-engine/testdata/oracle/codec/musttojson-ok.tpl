{{ mustToJson (dict "a" 1) }}|{{ mustToPrettyJson (list 1) }}|{{ mustToRawJson "<" }}
