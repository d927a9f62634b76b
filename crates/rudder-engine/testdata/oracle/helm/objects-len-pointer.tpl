{{ len .Capabilities }}
