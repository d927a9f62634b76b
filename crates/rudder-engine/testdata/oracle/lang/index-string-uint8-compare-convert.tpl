{{ eq (index "abc" 0) 97 }}|{{ lt (index "abc" 0) 98 }}|{{ add1 (index "abc" 0) }}|{{ index "abc" 0 | toString }}|{{ index "abc" 0 | toJson }}|{{ list (index "abc" 0) }}
