{{ deepEqual (semver "1.0.0") (semver "1.0.0") }}|{{ eq (semver "1.0.0") (semver "1.0.0") }}
