//! Any bytes as an organisation's checklist file: load, add to the built-ins, assess.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reassure::fuzzing::checklist(data));
