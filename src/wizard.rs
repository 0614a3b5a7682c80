//! The interactive `init` wizard: asks a programme lead, in the terminal,
//! what they know at the start of a scheme. This is the one module that
//! talks to the terminal directly (through dialoguer, on stderr); it is only
//! called when standard input is a terminal.

use dialoguer::{Confirm, Input, Select};

use crate::init::Answers;
use crate::stage::Stage;

fn split(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One line of text; Enter keeps `default` (shown in brackets) if there is one.
fn text(prompt: &str, default: &str, required: bool) -> dialoguer::Result<String> {
    let mut input = Input::<String>::new().with_prompt(prompt).allow_empty(!required);
    if !default.is_empty() {
        input = input.default(default.to_owned());
    }
    input.interact_text()
}

/// Asks each question, starting from `given` (answers from flags or the
/// defaults), and returns the answers.
pub fn ask(given: Answers) -> dialoguer::Result<Answers> {
    let name = text("Scheme name, as the public knows it", &given.name, true)?;
    let summary = text("What changes, in a sentence (Enter to skip)", &given.summary, false)?;
    let services = split(&text(
        "Services affected, separated by commas",
        &given.services.join(", "),
        false,
    )?);
    let sites = split(&text(
        "Sites affected, separated by commas",
        &given.sites.join(", "),
        false,
    )?);
    let commissioner = text("Lead commissioner (usually the ICB)", &given.commissioner, false)?;
    let authorities = split(&text(
        "Local authorities whose areas are affected, separated by commas",
        &given.authorities.join(", "),
        false,
    )?);
    let stages: Vec<String> = Stage::ALL
        .iter()
        .map(|s| format!("{:<15} {}", s.code(), s.name()))
        .collect();
    let stage = Select::new()
        .with_prompt("Stage the scheme has reached")
        .items(&stages)
        .default(Stage::ALL.iter().position(|s| *s == given.stage).unwrap_or(0))
        .interact()?;
    let beds_close = Confirm::new()
        .with_prompt("Will beds close in the affected services?")
        .default(given.beds_close)
        .interact()?;
    let capital = Confirm::new()
        .with_prompt("Is capital funding needed?")
        .default(given.capital)
        .interact()?;
    let temporary = Confirm::new()
        .with_prompt("Is the change meant to be temporary?")
        .default(given.temporary)
        .interact()?;
    Ok(Answers {
        name,
        summary,
        services,
        sites,
        commissioner,
        authorities,
        stage: Stage::ALL[stage],
        as_of: given.as_of,
        beds_close,
        capital,
        temporary,
    })
}
