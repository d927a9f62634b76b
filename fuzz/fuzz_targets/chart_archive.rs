//! Loading an arbitrary byte string as a chart archive must fail cleanly or give a chart.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = rudder_chart::load_archive(data);
});
