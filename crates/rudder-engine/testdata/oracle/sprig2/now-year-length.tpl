{{ now | date "2006" | len }}
