{{ len (lookup "apps/v1" "Deployment" "ns" "d") }} {{ typeOf (lookup "v1" "Pod" "" "") }}
