//! The rule kinds one by one: what each finds met, partly met or not, and
//! the evidence it gives in words.

use super::*;
use crate::document::parse;

/// Runs `f` on the scheme `text` as of 1 June 2025, evidence in words.
fn with_context<T>(text: &str, f: impl FnOnce(&Context<'_>) -> T) -> T {
    let (root, errors) = parse(text);
    assert!(errors.is_empty(), "{errors:?}");
    let source = SourceFile::new("s.toml", text);
    f(&Context {
        root: &root,
        as_of: Date::new(2025, 6, 1).unwrap(),
        source: &source,
        words: true,
    })
}

fn eval(rule: &Rule, text: &str) -> Outcome {
    with_context(text, |cx| rule.evaluate(cx))
}

/// Every problem the loader finds in `rule = {rule}`, by message.
fn compile_problems(rule: &str) -> Vec<String> {
    let (root, errors) = parse(&format!("rule = {rule}\n"));
    assert!(errors.is_empty(), "{rule}");
    let mut diagnostics = Vec::new();
    super::compile::Compiler::new(&mut diagnostics).rule(root.lookup("rule").unwrap());
    diagnostics.into_iter().map(|d| d.message).collect()
}

fn s(text: &str) -> String {
    text.to_owned()
}

mod checks;
mod data;
mod dates;
mod each;
mod evaluate;
mod if_recorded;
mod words;
