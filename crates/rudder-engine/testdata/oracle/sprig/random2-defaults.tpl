{{ default false false }}|{{ coalesce (list) (list) }}|{{ empty 0 }}|{{ all (list) 1 }}|{{ any (list) "a" }}
{{ default 0 "a" }}|{{ coalesce (dict) (list) }}|{{ empty "" }}|{{ all "" "a" }}|{{ any 0 false }}
{{ default false (list 0) }}|{{ coalesce (dict) "" }}|{{ empty (list) }}|{{ all (dict) "" }}|{{ any 1 (list 0) }}
{{ default "a" "a" }}|{{ coalesce "" 0 }}|{{ empty .Values.nil }}|{{ all (list 0) 1 }}|{{ any 1 false }}
{{ default .Values.nil "a" }}|{{ coalesce 1 .Values.nil }}|{{ empty "" }}|{{ all "" 0 }}|{{ any "" (list) }}
{{ default .Values.nil "" }}|{{ coalesce 0 "a" }}|{{ empty "" }}|{{ all (list) "a" }}|{{ any (list) (list 0) }}
{{ default (dict) "" }}|{{ coalesce 0 (dict) }}|{{ empty "a" }}|{{ all "a" 0 }}|{{ any "" "a" }}
{{ default "a" "" }}|{{ coalesce (list 0) .Values.nil }}|{{ empty 0 }}|{{ all false 0 }}|{{ any false (list 0) }}
{{ default .Values.nil "" }}|{{ coalesce (dict) (list) }}|{{ empty (list 0) }}|{{ all (list 0) "a" }}|{{ any "" (list 0) }}
{{ default 0 (list) }}|{{ coalesce (list) false }}|{{ empty "a" }}|{{ all (dict) (list 0) }}|{{ any (list) false }}
{{ default "" 1 }}|{{ coalesce 1 false }}|{{ empty (dict) }}|{{ all "" (dict) }}|{{ any false false }}
{{ default "" (dict) }}|{{ coalesce "a" (list 0) }}|{{ empty (dict) }}|{{ all (list 0) .Values.nil }}|{{ any "a" "" }}
{{ default "a" .Values.nil }}|{{ coalesce 0 0 }}|{{ empty "a" }}|{{ all (list) (list 0) }}|{{ any "a" .Values.nil }}
{{ default (dict) 1 }}|{{ coalesce (list) "a" }}|{{ empty 1 }}|{{ all .Values.nil .Values.nil }}|{{ any "a" (list) }}
{{ default 1 (dict) }}|{{ coalesce false (list) }}|{{ empty "a" }}|{{ all 0 "" }}|{{ any (list 0) 1 }}
{{ default (list) "" }}|{{ coalesce 1 (list 0) }}|{{ empty (dict) }}|{{ all (dict) false }}|{{ any (list 0) (list) }}
{{ default 1 (list) }}|{{ coalesce (list) "a" }}|{{ empty (list 0) }}|{{ all 1 (list 0) }}|{{ any 1 "a" }}
{{ default false 1 }}|{{ coalesce "" (dict) }}|{{ empty "" }}|{{ all (dict) "" }}|{{ any "" .Values.nil }}
{{ default (list 0) (list) }}|{{ coalesce 0 (list 0) }}|{{ empty 0 }}|{{ all 0 (list) }}|{{ any (dict) false }}
{{ default "a" 1 }}|{{ coalesce (list 0) (list) }}|{{ empty "a" }}|{{ all (dict) "a" }}|{{ any "" "a" }}
{{ default "a" (list 0) }}|{{ coalesce false .Values.nil }}|{{ empty (dict) }}|{{ all (list 0) "a" }}|{{ any "a" .Values.nil }}
{{ default 0 1 }}|{{ coalesce 1 false }}|{{ empty 0 }}|{{ all (list 0) "" }}|{{ any (dict) (list 0) }}
{{ default 0 (list) }}|{{ coalesce "" (list 0) }}|{{ empty 1 }}|{{ all "" false }}|{{ any false (dict) }}
{{ default "a" (list) }}|{{ coalesce (dict) 0 }}|{{ empty (list) }}|{{ all false 1 }}|{{ any .Values.nil "a" }}
{{ default false false }}|{{ coalesce 1 0 }}|{{ empty (dict) }}|{{ all (list) .Values.nil }}|{{ any "" .Values.nil }}
{{ default "a" false }}|{{ coalesce false "a" }}|{{ empty 1 }}|{{ all 1 1 }}|{{ any "" (dict) }}
{{ default false 1 }}|{{ coalesce .Values.nil (list 0) }}|{{ empty .Values.nil }}|{{ all 0 "a" }}|{{ any 1 "" }}
{{ default (list) false }}|{{ coalesce .Values.nil (dict) }}|{{ empty 1 }}|{{ all (list) 0 }}|{{ any .Values.nil (list) }}
{{ default "a" "a" }}|{{ coalesce (list 0) (list) }}|{{ empty .Values.nil }}|{{ all 1 1 }}|{{ any "" (dict) }}
{{ default "" false }}|{{ coalesce 0 "a" }}|{{ empty (list 0) }}|{{ all (list 0) "" }}|{{ any "" (list) }}
{{ default "" false }}|{{ coalesce "a" "" }}|{{ empty "" }}|{{ all 0 "" }}|{{ any 1 .Values.nil }}
{{ default .Values.nil false }}|{{ coalesce 1 "" }}|{{ empty 1 }}|{{ all 0 (dict) }}|{{ any (list) (list) }}
{{ default .Values.nil "" }}|{{ coalesce (list) (list) }}|{{ empty false }}|{{ all (dict) false }}|{{ any .Values.nil (dict) }}
{{ default "" .Values.nil }}|{{ coalesce 1 .Values.nil }}|{{ empty "a" }}|{{ all 1 (dict) }}|{{ any 1 1 }}
{{ default 0 (dict) }}|{{ coalesce 1 "a" }}|{{ empty "" }}|{{ all (list) (list) }}|{{ any "a" .Values.nil }}
{{ default "" "a" }}|{{ coalesce "" 0 }}|{{ empty false }}|{{ all false 0 }}|{{ any 0 (list 0) }}
{{ default "a" "a" }}|{{ coalesce false (list 0) }}|{{ empty (list 0) }}|{{ all (dict) 0 }}|{{ any (list) false }}
{{ default "" "" }}|{{ coalesce 0 false }}|{{ empty "" }}|{{ all (dict) 0 }}|{{ any (dict) (list) }}
{{ default "a" 0 }}|{{ coalesce 0 .Values.nil }}|{{ empty false }}|{{ all (list) false }}|{{ any false (list) }}
{{ default (list 0) 0 }}|{{ coalesce "a" (list) }}|{{ empty false }}|{{ all (list 0) (dict) }}|{{ any false 0 }}
