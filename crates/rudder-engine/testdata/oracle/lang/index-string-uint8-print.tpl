{{ printf "%T" (index "abc" 0) }}|{{ index "abc" 0 }}|{{ printf "%c%x%d" (index "abc" 1) (index "abc" 1) (index "abc" 1) }}|{{ typeOf (index "abc" 0) }}|{{ kindOf (index "abc" 0) }}
