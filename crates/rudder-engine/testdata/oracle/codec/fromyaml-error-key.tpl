{{ (fromYaml "a: b: c").Error }}
