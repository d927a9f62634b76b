{{ toJson (list 1 (int64 2) 1.5 1e6 1e20 1e21 1e-6 1e-7 0.1 -0.0 123456789.0 (div 7 2) (float64 3)) }}
