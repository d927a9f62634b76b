{{ now | dateModify "-2h" | ago }}
