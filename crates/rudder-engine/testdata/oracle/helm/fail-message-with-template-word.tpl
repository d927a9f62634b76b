{{ fail "template: looks like go" }}
