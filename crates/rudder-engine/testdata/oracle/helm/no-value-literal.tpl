text <no value> stays? {{ "<no value>" }}
