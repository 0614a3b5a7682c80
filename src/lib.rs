//! reassure: tells an NHS programme team whether its service-reconfiguration
//! scheme is ready for assurance, and exactly what is missing.
//!
//! The flow is load → validate → assess → report: [`input`] reads a file,
//! [`scheme`] parses and validates it against the scheme format, [`checklist`]
//! loads the criteria, [`engine`] produces an [`assessment::Assessment`], and
//! [`report`] renders it. The library never prints; [`cli::run`] writes to
//! the streams it is given.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assessment;
pub mod checklist;
pub mod cli;
pub mod compare;
pub mod config;
pub mod diagnostic;
pub mod docs;
pub mod document;
pub mod engine;
pub mod evidence;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod fuzzing;
pub mod guard;
pub(crate) mod init;
pub mod input;
pub mod json_schema;
pub(crate) mod milestone;
pub mod output;
pub(crate) mod portfolio;
pub(crate) mod prepare;
pub(crate) mod project;
pub mod provenance;
pub mod report;
pub mod rule;
pub mod schema;
pub mod scheme;
pub mod source;
pub mod stage;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod synthetic;
pub mod text;
pub mod waiver;
pub(crate) mod wizard;
