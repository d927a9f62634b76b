{{ semverCompare ">=1.0\n<2.0" "1.5.0" }} {{ semverCompare ">=1.0\r\n<2.0\f" "1.5.0" }} {{ semverCompare ">=1.0\v<2.0" "1.5.0" }}
