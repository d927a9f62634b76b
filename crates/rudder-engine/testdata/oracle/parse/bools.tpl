{{ true }} {{ false }} {{ and true false }} {{ or false true }} {{ not true }}
