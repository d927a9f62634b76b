//! Loading an arbitrary byte string as a chart archive must fail cleanly or give a chart.
//!
//! Mutating gzip bytes mostly breaks the deflate stream or its checksum, so the tar reader
//! and the chart loader behind it would see little. The first byte chooses: odd, the rest is
//! a tar stream that the harness compresses first (fuzzing the tar and chart layers); even,
//! the rest is handed over as it is (fuzzing the gzip layer too).
#![no_main]

use std::io::Write as _;

use flate2::{Compression, write::GzEncoder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        let _ = rudder_chart::load_archive(data);
        return;
    };
    if mode & 1 == 1 {
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        if gz.write_all(rest).is_ok()
            && let Ok(compressed) = gz.finish()
        {
            let _ = rudder_chart::load_archive(&compressed);
        }
    } else {
        let _ = rudder_chart::load_archive(rest);
    }
});
