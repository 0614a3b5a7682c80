//! Any bytes as a `.reassure.toml` from an untrusted pull request: validate,
//! confine its checklist paths to its folder, render its problems.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reassure::fuzzing::config(data));
