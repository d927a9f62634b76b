{{ sha256sum "hello" }}
