{{ template "nowhere" }}
