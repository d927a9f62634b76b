{{ eq (index "abc" 0) (index "abd" 0) }}|{{ max (index "abc" 0) 1 }}|{{ (index "abc" 0) | default 5 }}|{{ empty (index "\x00" 0) }}
