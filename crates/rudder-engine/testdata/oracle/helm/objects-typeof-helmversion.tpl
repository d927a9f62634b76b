{{ typeOf .Capabilities.HelmVersion }} {{ typeOf .Files.Glob }}
