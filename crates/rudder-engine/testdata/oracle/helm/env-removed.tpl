{{ env "HOME" }}
