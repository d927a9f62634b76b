//! Reading `-f` and `--set-file` sources that are not local files, as Helm's `readFile`
//! (`pkg/cli/values/options.go`): `-` is standard input, `http://` and `https://` URLs go
//! through Helm's HTTP getter (`pkg/getter/httpgetter.go`).
//! Both schemes use `rudder_repo::getter`, the client of the chart repositories.

use std::io::Read;
use std::time::Duration;

/// Whether Helm would fetch `path` with a getter rather than read it from disk.
pub fn is_remote(path: &str) -> bool {
    path.trim() == "-" || path.starts_with("http://") || path.starts_with("https://")
}

/// Reads `-` (standard input) or fetches a URL. `Err` is Helm's message.
pub fn read_remote(path: &str) -> Result<Vec<u8>, String> {
    if path.trim() == "-" {
        let mut data = Vec::new();
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|e| format!("read /dev/stdin: {e}"))?;
        return Ok(data);
    }
    // http and https go through the repository getter (rustls, the system's roots), as Helm's
    // values options use its getters with only the URL set: no credentials, no client
    // certificate.
    let options = rudder_repo::getter::GetterOptions {
        url: path.to_owned(),
        timeout: Some(Duration::from_mins(2)),
        ..rudder_repo::getter::GetterOptions::default()
    };
    rudder_repo::getter::get(path, &options).map_err(|e| e.to_string())
}
