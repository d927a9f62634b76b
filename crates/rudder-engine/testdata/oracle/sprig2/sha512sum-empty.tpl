{{ sha512sum "" }}
