{{ $a := semver "1.2.3" }}{{ $b := semver "1.10.0" }}{{ $a.LessThan $b }} {{ $a.GreaterThan $b }} {{ $a.Equal $b }} {{ $a.Compare $b }} {{ $b.Compare $a }}
