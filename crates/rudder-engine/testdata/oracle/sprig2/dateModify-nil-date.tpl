{{ dateModify "1h" nil }}
