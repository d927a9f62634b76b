{{ sha1sum "héllo wörld ✓" }}
