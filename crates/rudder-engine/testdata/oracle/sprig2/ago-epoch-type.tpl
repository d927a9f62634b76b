{{ ago 0 | typeOf }}
