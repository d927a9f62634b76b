plain text
second line
