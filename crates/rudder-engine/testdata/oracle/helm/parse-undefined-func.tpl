line1
{{ nosuch 1 }}
