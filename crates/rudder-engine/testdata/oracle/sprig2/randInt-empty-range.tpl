{{ randInt 5 5 }}
