{{ define "a" }}
a
