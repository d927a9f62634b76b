{{ sha512sum "héllo wörld ✓" }}
