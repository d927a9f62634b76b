{{ .Files.Foo }}|{{ typeOf .Files.Foo }}
