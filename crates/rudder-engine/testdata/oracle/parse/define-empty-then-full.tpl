{{ define "a" }}  {{ end }}{{ define "a" }}B{{ end }}{{ template "a" }}
