{{ kindOf (toDate "2006-01-02" "2024-01-01") }}|{{ kindOf (toDate "2006-01-02" "2024-01-01").Month }}|{{ kindOf .Capabilities.KubeVersion }}|{{ kindOf .Files }}
