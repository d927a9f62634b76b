{{ toPrettyJson (dict) }}|{{ toPrettyJson (list) }}|{{ toPrettyJson nil }}
