{{ dig "Name" "none" .Chart }} {{ get .Chart "Version" }} {{ hasKey .Chart "IsRoot" }}
