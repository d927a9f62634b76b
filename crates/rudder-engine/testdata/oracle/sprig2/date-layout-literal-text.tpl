{{ date "Janet Monty _2006 Jan2006 2006_01 at 15h" 1700000000 }}
