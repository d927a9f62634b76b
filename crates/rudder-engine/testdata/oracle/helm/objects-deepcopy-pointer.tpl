{{ deepCopy .Capabilities | typeOf }}
