[{{ (lookup "v1" "Secret" "" "").items }}]
