{{ sha256sum "héllo wörld ✓" }}
