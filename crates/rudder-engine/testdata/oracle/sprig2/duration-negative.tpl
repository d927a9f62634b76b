{{ duration "-61" }}
