{{ sha256sum "" }}
