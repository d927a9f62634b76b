{{ toJson .Files }}|{{ toJson .Release }}
