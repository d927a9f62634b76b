{{ index (toString "ab") 5 }}
