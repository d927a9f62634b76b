{{ (.Values).map.d.e }}
