{{ mustToJson .Capabilities.KubeVersion }}|{{ toPrettyJson .Capabilities | len | lt 100 }}
