{{ sha1sum "hello" }}
