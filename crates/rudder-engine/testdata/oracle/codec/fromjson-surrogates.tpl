{{ fromJson "{\"a\": \"\\ud83d\\ude00 \\ud800\"}" | toJson }}
