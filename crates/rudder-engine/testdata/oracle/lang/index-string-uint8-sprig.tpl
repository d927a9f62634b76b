{{ index "abc" 0 | int }}|{{ index "abc" 0 | float64 }}|{{ index "abc" 0 | quote }}|{{ index "abc" 0 | toYaml }}|{{ index "abc" 0 | printf "%v" }}
