{{ printf "%#v" .Values.map.d }}|{{ printf "%#v" (.Values.Table "map.d") }}
