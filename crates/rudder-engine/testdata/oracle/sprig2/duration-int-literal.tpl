{{ duration 95 }}
