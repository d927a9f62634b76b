{{ adler32sum "" }}
