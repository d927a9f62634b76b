{{ required "nil literal" nil }}
