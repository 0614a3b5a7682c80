//! Realistic synthetic scheme files for benchmarks and property tests: the
//! shipped examples, varied deterministically from a seed (name, stage,
//! dates moved, sections and fields left out to make gaps). Every file it
//! returns is a valid scheme.

use crate::scheme::Scheme;
use crate::source::SourceFile;
use crate::stage::Stage;

/// The examples the variations start from (numbers and structures from the
/// project's domain reference).
const TEMPLATES: [&str; 5] = [
    include_str!("../examples/hasu-stroke-centralisation.toml"),
    include_str!("../examples/maternity-consolidation.toml"),
    include_str!("../examples/ae-to-utc-bed-closures.toml"),
    include_str!("../examples/mental-health-beds-dmbc.toml"),
    include_str!("../examples/cumbria-healthcare-for-the-future-2017.toml"),
];

/// Top-level keys a scheme must keep.
const REQUIRED: [&str; 4] = ["format_version", "as_of", "stage", "scheme"];

/// SplitMix64: a tiny, well-known generator, enough for varied test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// One synthetic scheme file, the same for the same seed.
pub fn scheme(seed: u64) -> String {
    // A variation that breaks a rule of the format (a required key inside
    // a list item, say) is discarded and the next one tried; the last try
    // only renames the template, which is always valid.
    for attempt in 0..8u64 {
        let text = vary(seed.wrapping_mul(31).wrapping_add(attempt), seed, attempt < 7);
        if Scheme::load(SourceFile::new("synthetic.toml", text.as_str())).is_ok() {
            return text;
        }
    }
    vary(seed, seed, false)
}

fn vary(state: u64, seed: u64, gaps: bool) -> String {
    let mut rng = Rng::new(state);
    let template = TEMPLATES[rng.below(TEMPLATES.len())];
    let mut table: toml::Table = template.parse().unwrap_or_default();
    if let Some(toml::Value::Table(scheme)) = table.get_mut("scheme") {
        scheme.insert("name".into(), format!("Synthetic scheme {seed}").into());
    }
    if gaps {
        let stage = Stage::CODES[rng.below(Stage::CODES.len())];
        table.insert("stage".into(), stage.into());
        let keys: Vec<String> = table.keys().cloned().collect();
        for key in keys {
            if REQUIRED.contains(&key.as_str()) {
                continue;
            }
            if rng.chance(12) {
                table.remove(&key);
            } else if let Some(toml::Value::Table(section)) = table.get_mut(&key) {
                let fields: Vec<String> = section.keys().cloned().collect();
                for field in fields {
                    if rng.chance(6) {
                        section.remove(&field);
                    }
                }
            }
        }
    }
    toml::to_string(&table).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_valid_varied_and_reproducible() {
        let mut stages = std::collections::BTreeSet::new();
        let mut sizes = Vec::new();
        for seed in 0..60 {
            let text = scheme(seed);
            assert_eq!(text, scheme(seed), "seed {seed} is reproducible");
            let parsed = Scheme::load(SourceFile::new("s.toml", text.as_str())).expect("valid");
            stages.insert(parsed.stage);
            sizes.push(text.len());
        }
        assert!(stages.len() >= 6, "stages vary: {stages:?}");
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(*min > 2_000 && *max > 2 * min, "sizes vary: {min}..{max}");
    }
}
