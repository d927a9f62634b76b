{{ (.Values.map).b }}
