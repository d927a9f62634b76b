{{ "'<<': 1\n<<: {m: 2}\n" | fromYaml | toYaml }}
