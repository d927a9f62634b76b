{{ tpl "static {{ . }}" nil }}
