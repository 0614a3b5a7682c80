//! Any bytes as a scheme file: decode, parse, validate, assess, render every format.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reassure::fuzzing::scheme(data));
