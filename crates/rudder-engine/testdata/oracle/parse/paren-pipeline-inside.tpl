{{ printf "[%s]" (.Values.str | printf "%s?") }}
