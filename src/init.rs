//! A new scheme file from what a programme lead knows at the start: the
//! answers of `reassure init` (asked by the wizard or given as flags) turned
//! into a commented TOML file that always validates. Placeholders for
//! evidence still to come are comments written from the scheme format's own
//! field descriptions, so they never drift from what the validator accepts.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::schema::{Field, Kind, field_at};
use crate::scheme::format::SCHEME_FORMAT;
use crate::stage::Stage;

/// What `init` asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    pub name: String,
    pub summary: String,
    pub services: Vec<String>,
    pub sites: Vec<String>,
    pub commissioner: String,
    pub authorities: Vec<String>,
    pub stage: Stage,
    pub as_of: Date,
    /// Whether beds in the affected services will close (the bed test).
    pub beds_close: bool,
    /// Whether capital funding is needed.
    pub capital: bool,
    /// Whether the change is meant to be temporary.
    pub temporary: bool,
}

impl Answers {
    /// The answers `init --defaults` uses where no flag gives one.
    pub fn defaults(as_of: Date) -> Answers {
        Answers {
            name: "New service change scheme".to_owned(),
            summary: String::new(),
            services: Vec::new(),
            sites: Vec::new(),
            commissioner: String::new(),
            authorities: Vec::new(),
            stage: Stage::Cfc,
            as_of,
            beds_close: false,
            capital: false,
            temporary: false,
        }
    }
}

/// A TOML string literal, escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Commented-out placeholders for every key of the table at `path` that
/// the file does not set yet: `# key = example  # what it means`.
fn placeholders(out: &mut String, path: &str, set: &[&str]) {
    let fields: &[Field] = match field_at(SCHEME_FORMAT, path).map(|f| f.kind.resolve()) {
        Some(Kind::Table(fields) | Kind::Tables(fields)) => fields,
        _ => return,
    };
    for f in fields.iter().filter(|f| !set.contains(&f.name)) {
        let gloss = f.doc.split(". ").next().unwrap_or(f.doc).trim_end_matches('.');
        match f.kind.resolve() {
            Kind::Table(_) | Kind::Tables(_) => {
                let _ = writeln!(out, "# [{path}.{}]  # {gloss}", f.name);
            }
            _ => {
                let _ = writeln!(out, "# {} = {}  # {gloss}", f.name, f.example);
            }
        }
    }
}

/// The sections every new scheme gets, in file order, after `[scheme]`,
/// sites, commissioners and councils, each with a line saying what it holds.
const SECTIONS: &[(&str, &str)] = &[
    ("case_for_change", "The case for change: why the service must change."),
    ("clinical_model", "The proposed clinical model and the evidence for it."),
    ("options", "The options appraisal, from long list to preferred option."),
    ("programme", "Who leads the programme and how it is governed."),
    (
        "engagement",
        "Involvement before any consultation (a legal duty for ICBs and trusts).",
    ),
    (
        "impact_assessments",
        "Equality, health inequalities and quality impact assessments.",
    ),
    ("travel", "Travel and access: how journeys change and what helps."),
    ("workforce", "The workforce model."),
    ("finance", "Revenue and capital."),
    ("scrutiny", "Consultation of the councils' health scrutiny committees."),
    ("assurance", "NHS England's assurance steps and the business cases."),
    ("consultation", "Public consultation, if the change needs one."),
];

/// The scheme file for these answers.
pub fn scheme_text(a: &Answers) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", a.name.replace(['\n', '\r'], " "));
    out.push_str(
        "#\n\
         # Started with `reassure init`. Keys that are commented out are evidence\n\
         # still to come: fill each in as it exists, then run `reassure check` on\n\
         # this file to see what is still missing for the next gate.\n\
         # SCHEME.md describes every key; `reassure explain ID` explains a criterion.\n\n",
    );
    let _ = writeln!(out, "format_version = 1");
    let _ = writeln!(out, "as_of = {}", a.as_of);
    let _ = writeln!(out, "stage = {}  # {}", quoted(a.stage.code()), a.stage.name());
    let _ = writeln!(
        out,
        "# checklists = [\"our-icb.toml\"]  # your organisation's own checklists, if any"
    );

    let _ = writeln!(out, "\n[scheme]");
    let _ = writeln!(out, "name = {}", quoted(&a.name));
    let mut set = vec!["name", "permanence"];
    if !a.summary.is_empty() {
        let _ = writeln!(out, "summary = {}", quoted(&a.summary));
        set.push("summary");
    }
    if !a.services.is_empty() {
        let _ = writeln!(out, "services = {}", list(&a.services));
        set.push("services");
    }
    if a.beds_close {
        let _ = writeln!(
            out,
            "change_types = [\"bed-reduction\"]  # add the other kinds of change"
        );
        set.push("change_types");
    }
    let _ = writeln!(
        out,
        "permanence = {}",
        quoted(if a.temporary { "temporary" } else { "permanent" })
    );
    if !a.commissioner.is_empty() {
        let _ = writeln!(out, "lead_organisation = {}", quoted(&a.commissioner));
        set.push("lead_organisation");
    }
    placeholders(&mut out, "scheme", &set);

    for site in &a.sites {
        let _ = writeln!(out, "\n[[sites]]\nname = {}", quoted(site));
        placeholders(&mut out, "sites", &["name"]);
    }
    if a.sites.is_empty() {
        let _ = writeln!(out, "\n# [[sites]]  # one table for each site affected");
        let _ = writeln!(out, "# name = \"…\"");
    }
    if !a.commissioner.is_empty() {
        let _ = writeln!(
            out,
            "\n[[commissioners]]\nname = {}\nrole = \"lead\"",
            quoted(&a.commissioner)
        );
        placeholders(&mut out, "commissioners", &["name", "role"]);
    }
    for authority in &a.authorities {
        let _ = writeln!(out, "\n[[local_authorities]]\nname = {}", quoted(authority));
        placeholders(&mut out, "local_authorities", &["name"]);
    }

    for (section, what) in SECTIONS {
        let _ = writeln!(out, "\n# {what}\n[{section}]");
        let mut set: Vec<&str> = Vec::new();
        if *section == "finance" {
            let _ = writeln!(out, "capital_required = {}", a.capital);
            set.push("capital_required");
        }
        placeholders(&mut out, section, &set);
    }
    if a.beds_close {
        let _ = writeln!(
            out,
            "\n# Beds close, so the bed test applies if the reduction is significant.\n[beds]"
        );
        placeholders(&mut out, "beds", &[]);
    }
    if a.temporary {
        let _ = writeln!(
            out,
            "\n# A temporary change: if it was made urgently for safety, record it here.\n# [urgent_change]"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheme::Scheme;
    use crate::source::SourceFile;

    fn valid(text: &str) {
        if let Err((file, problems)) = Scheme::load(SourceFile::new("init.toml", text)) {
            let rendered: String = problems.iter().map(|d| crate::diagnostic::render(d, &file)).collect();
            panic!("{rendered}\n{text}");
        }
    }

    #[test]
    fn every_combination_of_answers_gives_a_valid_scheme() {
        let date = Date::new(2026, 11, 23).unwrap();
        for stage in Stage::ALL {
            for flags in 0..8u8 {
                let mut a = Answers::defaults(date);
                a.stage = stage;
                a.beds_close = flags & 1 != 0;
                a.capital = flags & 2 != 0;
                a.temporary = flags & 4 != 0;
                if flags % 2 == 0 {
                    a.services = vec!["maternity".into(), "neonatal \"level 2\"".into()];
                    a.sites = vec!["Maidford General".into(), "Ashby\nCommunity".into()];
                    a.commissioner = "NHS Westmarsh ICB".into();
                    a.authorities = vec!["Westmarsh Council".into()];
                    a.summary = "Two units become one; \\ and # are kept as text".into();
                }
                valid(&scheme_text(&a));
            }
        }
    }

    #[test]
    fn answers_land_in_the_file_escaped() {
        let mut a = Answers::defaults(Date::new(2026, 1, 5).unwrap());
        a.name = "Quote \" and newline\n".into();
        a.beds_close = true;
        a.capital = true;
        let text = scheme_text(&a);
        let scheme = Scheme::load(SourceFile::new("x.toml", text.as_str())).unwrap();
        assert_eq!(scheme.name, "Quote \" and newline\n");
        assert_eq!(
            scheme
                .root
                .lookup("finance.capital_required")
                .and_then(crate::document::Node::as_bool),
            Some(true)
        );
        assert!(text.contains("[beds]"));
        assert!(text.contains("# baseline = 400  # Beds in the affected services now"));
    }
}
