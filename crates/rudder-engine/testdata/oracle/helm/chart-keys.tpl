{{ keys .Chart | sortAlpha }}
