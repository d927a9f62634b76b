{{ toJson "tab\tnl\ncr\rq\"bs\\ \u0001 \u001f \u007f \u2028 \u2029 é 😀" }}
