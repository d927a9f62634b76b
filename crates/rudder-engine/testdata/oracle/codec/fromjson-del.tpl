{{ fromJson "[1,\u007f]" | toJson }}
