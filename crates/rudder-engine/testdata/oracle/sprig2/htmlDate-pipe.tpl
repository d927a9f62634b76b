{{ 1700000000 | htmlDate }}
