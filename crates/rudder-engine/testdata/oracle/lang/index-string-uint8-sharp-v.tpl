{{ printf "%#v" (index "a" 0) }}|{{ printf "%#v" (list (index "a" 0)) }}
