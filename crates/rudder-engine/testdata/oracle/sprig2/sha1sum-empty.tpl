{{ sha1sum "" }}
