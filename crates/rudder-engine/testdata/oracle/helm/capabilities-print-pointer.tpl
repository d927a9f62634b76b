{{ .Capabilities.HelmVersion }}|{{ print .Capabilities.HelmVersion }}|{{ printf "%T %T %T" .Capabilities.KubeVersion .Capabilities .Capabilities.HelmVersion }}
{{ .Capabilities | toString | trunc 40 }}|{{ print .Capabilities | trunc 40 }}|{{ .Capabilities.Copy | printf "%v" | trunc 40 }}
