{{ date "Monday Mon January Jan" 1700000000 }}
