{{ semverCompare ">1 <3 || =5" "5.0.0" }}
