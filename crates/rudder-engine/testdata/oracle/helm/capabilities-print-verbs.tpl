{{ printf "%#v" .Capabilities | trunc 60 }}|{{ printf "%+v" .Capabilities | trunc 60 }}
