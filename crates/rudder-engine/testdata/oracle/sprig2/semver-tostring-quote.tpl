{{ semver "1.2.3" | toString }}|{{ semver "1.2.3" | quote }}|{{ (semver "1.2.3").IncPatch | quote }}
