[{{ (.Files.Glob "conf/*").AsConfig }}] [{{ (.Files.Glob "conf/*").AsSecrets }}]
