{{ toToml (dict "x" nil "y" 1) }}
