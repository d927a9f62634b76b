{{ true.x }}
