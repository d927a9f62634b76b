{{ (.Files.Glob "*").AsConfig }}
