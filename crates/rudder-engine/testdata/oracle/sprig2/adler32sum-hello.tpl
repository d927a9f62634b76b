{{ adler32sum "hello" }}
