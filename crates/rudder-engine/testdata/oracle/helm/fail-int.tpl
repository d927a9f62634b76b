{{ fail 3 }}
