{{ fail "" }}
