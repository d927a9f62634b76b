{{ (.Values.Table "nested").deep.deeper.value }}|{{ (.Values.Table "nested").Table "deep" }}
