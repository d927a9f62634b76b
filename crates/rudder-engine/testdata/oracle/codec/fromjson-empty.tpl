{{ fromJson "" | toJson }}
