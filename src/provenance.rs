//! What an auditor needs to reproduce a verdict: the tool and catalogue
//! versions, hashes of the inputs, the as-of date and the options in effect.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::checklist::builtin::BUILTIN;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Provenance {
    pub tool: &'static str,
    pub tool_version: &'static str,
    /// The built-in checklists ship with the tool, so they share its version.
    pub catalogue_version: &'static str,
    /// SHA-256 over every built-in checklist file's name and text, in order.
    pub catalogue_sha256: String,
    /// Organisation checklist files scored as well as the built-ins.
    pub checklist_files: Vec<crate::checklist::set::ChecklistFile>,
    pub scheme_file: String,
    pub scheme_sha256: String,
    #[serde(serialize_with = "crate::text::serialize_date")]
    #[schemars(with = "String")]
    pub as_of: jiff::civil::Date,
    pub options: Options,
}

/// The options that change a verdict.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Options {
    /// The gate assessed.
    pub stage: String,
    pub fail_on: String,
    pub min_score: Option<f64>,
    /// Whether the scheme's waivers were applied (false with `--no-waivers`).
    pub waivers: bool,
}

impl Options {
    /// The options in words: "gate consultation, fail on blocker, minimum score 70".
    pub fn words(&self) -> String {
        format!(
            "gate {}, fail on {}{}{}",
            self.stage,
            self.fail_on,
            self.min_score
                .map_or_else(String::new, |m| format!(", minimum score {m}")),
            if self.waivers {
                ""
            } else {
                ", waivers ignored (--no-waivers)"
            }
        )
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of the embedded catalogue. It is generated into `compiled.rs`
/// beside the checklists it describes (hashing 150 KB took half the
/// instructions of a one-scheme run); the test that regenerates that file
/// recomputes it.
pub fn catalogue_sha256() -> String {
    crate::checklist::CATALOGUE_SHA256.to_owned()
}

/// SHA-256 over every built-in checklist file's name and text, in order.
pub fn hash_catalogue() -> String {
    let mut hasher = Sha256::new();
    for (name, text) in BUILTIN {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Provenance {
    /// The organisation checklist files in words, for the human formats:
    /// "; organisation checklists: NE-ICB from x.toml (SHA-256 …)", or "".
    pub fn checklist_files_words(&self) -> String {
        if self.checklist_files.is_empty() {
            return String::new();
        }
        let files: Vec<String> = self
            .checklist_files
            .iter()
            .map(|f| {
                format!(
                    "{} from {} (SHA-256 {})",
                    f.checklist,
                    crate::project::shown_path(&f.file),
                    f.sha256
                )
            })
            .collect();
        format!("; organisation checklists: {}", files.join(", "))
    }

    pub fn options_words(&self) -> String {
        self.options.words()
    }

    /// Records the organisation checklist files the scheme was scored against.
    #[must_use]
    pub fn with_checklist_files(mut self, files: &[crate::checklist::set::ChecklistFile]) -> Self {
        self.checklist_files = files.to_vec();
        self
    }

    /// `scheme_sha256` is the hash of the scheme file's bytes as stored.
    pub fn new(scheme_file: &str, scheme_sha256: String, as_of: jiff::civil::Date, options: Options) -> Self {
        Provenance {
            tool: "reassure",
            tool_version: env!("CARGO_PKG_VERSION"),
            catalogue_version: env!("CARGO_PKG_VERSION"),
            catalogue_sha256: catalogue_sha256(),
            checklist_files: Vec::new(),
            scheme_file: scheme_file.to_owned(),
            scheme_sha256,
            as_of,
            options,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_in_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(catalogue_sha256().len(), 64);
    }
}
