{{ fromJson "\ufeff{}" | toJson }}
