{{ genCA "x" 1.5 }}
