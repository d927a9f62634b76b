{{ toToml (list 1 2) }}|{{ toToml "str" }}|{{ toToml 1.5 }}|{{ toToml nil }}
