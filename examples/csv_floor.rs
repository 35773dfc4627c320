//! The floor for `make bench`'s lists (scripts/bench-batch.mjs): the same
//! file read and written record by record with the csv crate and nothing
//! else — no decoding, no answers. `yibao batch` ÷ this is the cost of the
//! work itself, whatever the machine's speed that day.
//!
//! `cargo run --release --example csv_floor -- INPUT OUTPUT`

use std::io::Write;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let [input, output] = args.as_slice() else {
        let _ = writeln!(std::io::stderr(), "usage: csv_floor INPUT OUTPUT");
        return std::process::ExitCode::from(2);
    };
    let run = || -> Result<(), Box<dyn std::error::Error>> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_path(input)?;
        let mut out = csv::WriterBuilder::new().flexible(true).from_path(output)?;
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec)? {
            out.write_record(&rec)?;
        }
        out.flush()?;
        Ok(())
    };
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "csv_floor: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
