line
  {{- fail "first\nsecond" }}
