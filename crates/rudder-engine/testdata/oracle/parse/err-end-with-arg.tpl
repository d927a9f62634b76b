{{ if true }}{{ end 1 }}
