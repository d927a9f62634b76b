{{ duration "0" }}
