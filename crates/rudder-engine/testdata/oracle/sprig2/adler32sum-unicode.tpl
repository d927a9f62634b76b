{{ adler32sum "héllo wörld ✓" }}
