{{ semverCompare "1.2.*" "1.3.0" }}
