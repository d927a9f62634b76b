{{ expandenv "$HOME" }}
