//! The settings a team shares, and where each effective value came from:
//! built-in defaults, overridden by a `.reassure.toml` found by walking up
//! from the scheme, overridden by `REASSURE_*` environment variables,
//! overridden by command-line flags.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::checklist::Severity;
use crate::diagnostic::Diagnostic;
use crate::document::{self, Node};
use crate::input::{self, ReadError};
use crate::project;
use crate::schema::{self, Field, Kind, field};
use crate::source::SourceFile;
use crate::stage::Stage;

/// The name of a project configuration file.
pub const CONFIG_FILE_NAME: &str = ".reassure.toml";

/// When a gap makes the run fail (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Blocker,
    Major,
    Minor,
    Never,
}

impl FailOn {
    pub const CODES: &'static [&'static str] = &["blocker", "major", "minor", "never"];

    /// The lowest severity that fails, if any does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Blocker => Some(Severity::Blocker),
            FailOn::Major => Some(Severity::Major),
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Never => None,
        }
    }

    pub fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }

    fn from_code(code: &str) -> Option<FailOn> {
        let all = [FailOn::Blocker, FailOn::Major, FailOn::Minor, FailOn::Never];
        Self::CODES.iter().position(|c| *c == code).map(|i| all[i])
    }
}

/// The configuration file format: every key optional.
#[rustfmt::skip]
pub static CONFIG_FORMAT: &[Field] = &[
    field("checklists", Kind::List(&Kind::Text), "Your organisation's checklist files, relative to this file; added to the built-in checklists for every scheme.", "[\"checklists/our-icb.toml\"]"),
    field("fail_on", Kind::Choice(FailOn::CODES), "Exit with code 1 when a gap due by the gate assessed has this severity or higher.", "\"major\""),
    field("min_score", Kind::Number { min: 0.0, max: 100.0 }, "Exit with code 1 when the overall score is below this percentage.", "70"),
    field("stage", Kind::Choice(Stage::CODES), "Assess readiness for this gate instead of each scheme's own next gate.", "\"dmbc\""),
];

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// The configuration file, with the line and column of the key.
    File(String),
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File(at) => write!(f, "file {at}"),
            Origin::Env(name) => write!(f, "environment {name}"),
            Origin::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn default(value: T) -> Self {
        Setting {
            value,
            origin: Origin::Default,
        }
    }

    fn set(&mut self, value: T, origin: Origin) {
        *self = Setting { value, origin };
    }
}

/// The effective settings for a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The configuration file used, if one was found.
    pub file: Option<PathBuf>,
    /// Organisation checklist files, as paths the process can open.
    pub checklists: Setting<Vec<PathBuf>>,
    pub fail_on: Setting<FailOn>,
    pub min_score: Setting<Option<f64>>,
    /// A gate to assess instead of each scheme's own next gate.
    pub stage: Setting<Option<Stage>>,
}

/// What the command line said; `None` or empty where a flag was not given.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--no-config`: ignore any `.reassure.toml` (a CI job checking a pull
    /// request should not let the request change its own thresholds).
    pub no_config: bool,
    pub checklists: Vec<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub min_score: Option<f64>,
    pub stage: Option<Stage>,
}

/// Why the settings could not be worked out.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    /// Problems in the configuration file, located in it.
    #[error("`{}` has {}", crate::text::terminal_safe(.0.name(), false), crate::text::counted(.1.len(), "problem"))]
    Invalid(SourceFile, Vec<Diagnostic>),
    /// An environment variable with a value that cannot be used.
    #[error("{0}")]
    Env(String),
}

/// The nearest `.reassure.toml` in the directory of `start` (or `start`
/// itself, if a directory) or any directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start.to_owned()
    } else {
        start.parent().map(Path::to_owned).unwrap_or_default()
    };
    let absolute = std::path::absolute(if start.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &start
    })
    .ok()?;
    absolute
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

/// Works out the settings for schemes at `start`: defaults, then the
/// configuration file found from there, then the environment (read through
/// `env`), then `flags`.
pub fn resolve(start: &Path, flags: &Flags, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
    let mut config = Config::defaults();
    if let Some(path) = find(start).filter(|_| !flags.no_config) {
        apply_file(&mut config, &path)?;
        config.file = Some(path);
    }
    apply_env(&mut config, env)?;
    if !flags.checklists.is_empty() {
        config
            .checklists
            .set(flags.checklists.clone(), Origin::Flag("--checklist"));
    }
    if let Some(fail_on) = flags.fail_on {
        config.fail_on.set(fail_on, Origin::Flag("--fail-on"));
    }
    if let Some(min) = flags.min_score {
        config.min_score.set(Some(min), Origin::Flag("--min-score"));
    }
    if let Some(stage) = flags.stage {
        config.stage.set(Some(stage), Origin::Flag("--stage"));
    }
    Ok(config)
}

fn apply_file(config: &mut Config, path: &Path) -> Result<(), ConfigError> {
    let base = path.parent().unwrap_or(Path::new("."));
    // The file may come from an unreviewed pull request: a link leading out
    // of its own folder (to `/proc/self/environ`, say) is not read at all.
    let folder = project::root_of(base);
    if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink())
        && let Some(refusal) = project::scanned_link_refusal(path, &folder)
    {
        return Err(ConfigError::Unreadable(ReadError {
            path: path.display().to_string(),
            message: format!("it is a link, and {refusal}"),
        }));
    }
    let source = input::read(path, input::Trust::Named).map_err(ConfigError::Unreadable)?;
    apply_source(config, &source, base, &folder)
}

/// Applies a configuration file already read: `base` is its folder, `root`
/// that folder resolved (the project root its checklist paths must stay in).
pub(crate) fn apply_source(
    config: &mut Config,
    source: &SourceFile,
    base: &Path,
    folder: &Path,
) -> Result<(), ConfigError> {
    let (root, mut diagnostics) = document::parse(source.text());
    schema::validate_parsed(&root, CONFIG_FORMAT, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(ConfigError::Invalid(source.clone(), diagnostics));
    }
    // A checklist file named here must be a `.toml` file inside this
    // project; one that is not there is a mistake in this file: say where.
    let mut named = Vec::new();
    let mut refused = Vec::new();
    for node in root.lookup("checklists").and_then(Node::as_array).unwrap_or_default() {
        let Some(p) = node.as_str() else { continue };
        match project::confine(base, p, folder) {
            Ok(file) => named.push(file),
            Err(project::Refusal::Missing) => refused.push(
                Diagnostic::new(
                    "missing-checklist",
                    node.span.clone(),
                    format!(
                        "no checklist file at `{}`",
                        crate::text::terminal_safe(&base.join(p).display().to_string(), false)
                    ),
                    "not found",
                )
                .note(format!(
                    "help: paths in `checklists` are relative to this file's folder, `{}`",
                    crate::text::terminal_safe(&base.display().to_string(), false)
                )),
            ),
            Err(refusal) => refused.push(Diagnostic::new(
                "refused-checklist",
                node.span.clone(),
                format!("the checklist file named here cannot be used: {refusal}"),
                "refused",
            )),
        }
    }
    if !refused.is_empty() {
        return Err(ConfigError::Invalid(source.clone(), refused));
    }
    let mut named = named.into_iter();
    let table = root.as_table().map(|t| t.entries.as_slice()).unwrap_or_default();
    for entry in table {
        let at = Origin::File(format!("{}:{}", source.name(), source.position(entry.key_span.start)));
        let node: &Node = &entry.node;
        match entry.key.as_str() {
            "checklists" => config.checklists.set(named.by_ref().collect(), at),
            "fail_on" => {
                if let Some(v) = node.as_str().and_then(FailOn::from_code) {
                    config.fail_on.set(v, at);
                }
            }
            "min_score" => config.min_score.set(node.as_number(), at),
            "stage" => config.stage.set(node.as_str().and_then(Stage::from_code), at),
            // The validator has rejected every other key.
            _ => {}
        }
    }
    Ok(())
}

/// The environment variables read, in the order `config` lists them.
pub const ENV_VARS: [&str; 4] = [
    "REASSURE_CHECKLISTS",
    "REASSURE_FAIL_ON",
    "REASSURE_MIN_SCORE",
    "REASSURE_STAGE",
];

fn apply_env(config: &mut Config, env: &dyn Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
    let [checklists, fail_on, min_score, stage] = ENV_VARS;
    let bad = |name: &str, value: &str, expected: &str| {
        ConfigError::Env(format!(
            "environment variable {name}=`{}` is not {expected}",
            crate::text::terminal_safe(value, false)
        ))
    };
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    if let Some(value) = set(checklists) {
        let paths = std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        config.checklists.set(paths, Origin::Env(checklists));
    }
    if let Some(value) = set(fail_on) {
        let v = FailOn::from_code(value.trim())
            .ok_or_else(|| bad(fail_on, &value, &format!("one of {}", FailOn::CODES.join(", "))))?;
        config.fail_on.set(v, Origin::Env(fail_on));
    }
    if let Some(value) = set(min_score) {
        let v = value
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| (0.0..=100.0).contains(v))
            .ok_or_else(|| bad(min_score, &value, "a percentage from 0 to 100"))?;
        config.min_score.set(Some(v), Origin::Env(min_score));
    }
    if let Some(value) = set(stage) {
        let v = Stage::from_code(value.trim())
            .ok_or_else(|| bad(stage, &value, &format!("one of {}", Stage::CODES.join(", "))))?;
        config.stage.set(Some(v), Origin::Env(stage));
    }
    Ok(())
}

impl Config {
    /// The built-in defaults, before any file, environment or flag.
    pub fn defaults() -> Config {
        Config {
            file: None,
            checklists: Setting::default(Vec::new()),
            fail_on: Setting::default(FailOn::Blocker),
            min_score: Setting::default(None),
            stage: Setting::default(None),
        }
    }

    /// Each setting, its value in words and where it came from, for `reassure config`.
    pub fn describe(&self) -> Vec<(&'static str, String, String)> {
        let checklists = if self.checklists.value.is_empty() {
            "(none: built-in checklists only)".to_owned()
        } else {
            self.checklists
                .value
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        vec![
            ("checklists", checklists, self.checklists.origin.to_string()),
            (
                "fail_on",
                self.fail_on.value.code().to_owned(),
                self.fail_on.origin.to_string(),
            ),
            (
                "min_score",
                self.min_score
                    .value
                    .map_or("(none)".to_owned(), crate::text::number_words),
                self.min_score.origin.to_string(),
            ),
            (
                "stage",
                self.stage
                    .value
                    .map_or("(each scheme's own next gate)".to_owned(), |s| s.code().to_owned()),
                self.stage.origin.to_string(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn flags_beat_environment_which_beats_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE_NAME),
            "fail_on = \"minor\"\nmin_score = 60\nstage = \"pcbc\"\nchecklists = [\"org.toml\"]\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("org.toml"), "").unwrap();
        let scheme = dir.path().join("sub").join("s.toml");
        std::fs::create_dir(dir.path().join("sub")).unwrap();

        let from_file = resolve(&scheme, &Flags::default(), &no_env).unwrap();
        assert_eq!(from_file.fail_on.value, FailOn::Minor);
        assert!(matches!(&from_file.fail_on.origin, Origin::File(at) if at.ends_with(".reassure.toml:1:1")));
        assert_eq!(from_file.min_score.value, Some(60.0));
        assert_eq!(from_file.stage.value, Some(Stage::Pcbc));
        assert_eq!(from_file.checklists.value, vec![dir.path().join("org.toml")]);

        let env = |name: &str| (name == "REASSURE_FAIL_ON").then(|| "major".to_owned());
        let from_env = resolve(&scheme, &Flags::default(), &env).unwrap();
        assert_eq!(from_env.fail_on.value, FailOn::Major);
        assert_eq!(from_env.fail_on.origin, Origin::Env("REASSURE_FAIL_ON"));
        assert_eq!(
            from_env.min_score.value,
            Some(60.0),
            "unset variables leave the file's value"
        );

        let flags = Flags {
            fail_on: Some(FailOn::Never),
            ..Flags::default()
        };
        let from_flag = resolve(&scheme, &flags, &env).unwrap();
        assert_eq!(from_flag.fail_on.value, FailOn::Never);
        assert_eq!(from_flag.fail_on.origin, Origin::Flag("--fail-on"));
    }

    #[test]
    fn without_a_file_the_defaults_hold() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            find(dir.path()),
            None,
            "a .reassure.toml above the temporary folder would be found: remove it to run this test"
        );
        let config = resolve(&dir.path().join("s.toml"), &Flags::default(), &no_env).unwrap();
        assert_eq!(config.file, None);
        assert_eq!(config.fail_on, Setting::default(FailOn::Blocker));
        assert_eq!(config.min_score.value, None);
        assert_eq!(config.stage.value, None);
        assert!(config.checklists.value.is_empty());
    }

    #[test]
    fn bad_values_are_errors_naming_their_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "fail_on = \"majr\"\nmin_scor = 5\n").unwrap();
        let Err(ConfigError::Invalid(_, problems)) = resolve(dir.path(), &Flags::default(), &no_env) else {
            panic!("expected problems");
        };
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().any(|p| p.notes.iter().any(|n| n.contains("`major`"))));
        assert!(
            problems
                .iter()
                .any(|p| p.notes.iter().any(|n| n.contains("`min_score`")))
        );

        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "checklists = [\"ours.toml\"]\n").unwrap();
        let Err(ConfigError::Invalid(_, problems)) = resolve(dir.path(), &Flags::default(), &no_env) else {
            panic!("expected a missing checklist");
        };
        assert_eq!(problems[0].code, "missing-checklist");
        assert_eq!(problems[0].span, 14..25, "the path's place in the file");

        let env = |name: &str| (name == "REASSURE_MIN_SCORE").then(|| "lots".to_owned());
        std::fs::remove_file(dir.path().join(CONFIG_FILE_NAME)).unwrap();
        let Err(ConfigError::Env(message)) = resolve(dir.path(), &Flags::default(), &env) else {
            panic!("expected an environment error");
        };
        assert!(message.contains("REASSURE_MIN_SCORE=`lots`"), "{message}");
    }
}
