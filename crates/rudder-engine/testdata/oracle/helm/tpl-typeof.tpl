{{ tpl "{{ 1 }}" . | typeOf }}
