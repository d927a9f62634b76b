{{ keys . | sortAlpha }}
