{{ printf "x" | "y" }}
