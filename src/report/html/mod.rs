//! HTML: one self-contained page a board can read, email, print or
//! publish — the verdict, then the blockers holding the gate assessed, the
//! scores as a chart and a table, the stage-gate timeline with the scheme's
//! dates, the other gaps with guidance and cited sources, what was set
//! aside (collapsed), and the provenance. No scripts, no network, no
//! external assets; every piece of scheme text is escaped. The page meets
//! WCAG 2.2 AA (checked by axe-core in Chromium, `tests/html.rs`): one
//! `main` landmark, captioned tables with header scopes, a text alternative
//! for the chart, reflow to 320 CSS px, and A4 print styles that need no
//! background graphics.

mod chart;
mod findings;
pub(crate) mod portfolio;
mod style;

use std::fmt::Write as _;

use super::Report;
use crate::assessment::{Assessment, Score, Status};
use crate::project::shown_path;
use crate::text::date_words;

/// Escapes text for HTML or XML content and attribute values; the JUnit
/// report uses it too. Control characters and the characters that change
/// how text around them reads without being seen (bidirectional overrides,
/// zero-width characters: [`crate::text::is_hidden`]) are shown as visible
/// `\u{…}` text, as on a terminal ([`crate::text::terminal_safe`]), so a
/// scheme's text can neither disguise itself nor vanish; so are the two
/// characters XML 1.0 forbids that are not controls.
pub fn escape(text: &str) -> String {
    let text = crate::text::terminal_safe(text, true);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A line break in data is written as a character reference: it
            // reads the same, and data can never begin a line of the file
            // (where a CI runner printing it would look for a command).
            '\n' => out.push_str("&#10;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&crate::text::visible_escape(c)),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text, then lets it break after each `.`, `/` and `_`, so a key
/// name or a path can wrap on a narrow screen instead of widening the page.
/// Escaping first matters: no entity contains those characters, so a `<wbr>`
/// can never split one, and nothing from the text can become markup.
pub fn breakable(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 16);
    for c in escaped.chars() {
        out.push(c);
        if matches!(c, '.' | '/' | '_') {
            out.push_str("<wbr>");
        }
    }
    out
}

/// A criterion id, kept whole: `white-space: nowrap` stops a browser
/// breaking it at a hyphen (`NHSE-` / `T4`) on a narrow screen or paper.
/// Ids are short (20 characters at most), so a line always has room.
pub fn id(criterion: &str) -> String {
    format!("<span class=\"id\">{}</span>", escape(criterion))
}

/// Criterion ids in a list, each kept whole ([`id`]); the list wraps
/// between them.
pub fn ids<'a>(criteria: impl IntoIterator<Item = &'a str>) -> String {
    criteria.into_iter().map(id).collect::<Vec<_>>().join(", ")
}

/// Escaped text with every criterion id in it kept whole ([`id`]). An id
/// is told by its form: capitals and digits in parts joined by hyphens
/// (`NHSE-T4`, `LGA-4.3`, `DUTY-INV-ICB`); any other word of that form
/// (`COVID-19`) is only kept whole too, which does no harm.
pub fn keep_ids(escaped: &str) -> String {
    let is_id = |word: &str| {
        word.len() <= 24
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word.contains('-')
            && !word.ends_with('-')
            && !word.contains("--")
            && word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
    };
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(rest.len());
        // A sentence's full stop is not part of the word before it.
        let word = rest[..end].trim_end_matches('.');
        // Nor is a word glued to an entity (`&#39;`) part of an id.
        if is_id(word) && !out.ends_with('&') && !out.ends_with('#') {
            let _ = write!(out, "<span class=\"id\">{word}</span>");
        } else {
            out.push_str(word);
        }
        rest = &rest[word.len()..];
    }
    out.push_str(rest);
    out
}

fn percent(score: &Score) -> String {
    score.percent.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"))
}

/// Escapes text and shows the `path` spans of reassure's messages as code
/// that may wrap at its dots, and criterion ids kept whole ([`keep_ids`]).
/// Backticks pair up left to right; an odd one out stays as written.
fn prose(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        return keep_ids(&escape(text));
    }
    let mut out = String::with_capacity(text.len() + 32);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", breakable(piece));
        } else {
            out.push_str(&keep_ids(&escape(piece)));
        }
    }
    out
}

fn when(iso: &str) -> String {
    iso.parse().map_or_else(|_| iso.to_owned(), date_words)
}

/// The page up to the opening of its body: metadata, title and the style sheet.
pub fn page_head(title: &str) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(title),
        style::STYLE
    );
    out
}

// Each part is a section named by its heading. Their ids hold a colon,
// which no criterion id can (a gap's row is its criterion's anchor), so an
// organisation's criterion called `scores` cannot clash with a part.
pub fn render(report: &Report<'_>) -> String {
    let a = report.assessment;
    let title = format!("Readiness report: {}", a.scheme);
    let mut out = page_head(&title);
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\"><code>{}</code> · as of {} · stage reached: {} ({})</p>\n</header>\n<main>",
        breakable(&shown_path(&a.file)),
        escape(&date_words(a.as_of)),
        a.stage.code(),
        escape(a.stage.name())
    );
    if let Some(warning) = a.legal_duty_warning() {
        // Written as the other formats write it, word for word (ids
        // included), so a search for the warning finds it in every report.
        let _ = writeln!(out, "<p class=\"warning\">{}</p>", escape(&warning));
    }
    verdict(&mut out, a);
    findings::gaps(&mut out, a);
    chart::section(&mut out, &a.scores, &a.overall, a.rating_by_score);
    timeline(&mut out, a);
    findings::judged(&mut out, a);
    findings::waivers(&mut out, a);
    findings::set_aside(&mut out, a);
    rules_in_time(&mut out, a);
    out.push_str("</main>\n");
    provenance(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

/// Blockers' ids, the most decisive first ([`Assessment::decisive_first`]),
/// as every format lists them.
fn decisive_ids(a: &Assessment, blockers: &[String]) -> String {
    ids(a.decisive_first(blockers).iter().map(|f| f.criterion.as_str()))
}

fn tile(out: &mut String, class: &str, label: &str, value: &str, note: &str) {
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("<span class=\"note\">{note}</span>")
    };
    let _ = writeln!(
        out,
        "<div class=\"tile{class}\"><h3>{label}</h3><b>{value}</b>{note}</div>"
    );
}

fn verdict(out: &mut String, a: &Assessment) {
    out.push_str(
        "<section aria-labelledby=\"part:verdict\">\n<h2 id=\"part:verdict\">Verdict</h2>\n<div class=\"verdict\">\n",
    );
    if let Some(gate) = a.gates.iter().find(|g| g.stage == a.target) {
        let label = format!("Gate assessed: {}", escape(a.target.gate()));
        if gate.ready {
            tile(out, " good", &label, "ready", "");
        } else {
            // The tile names the decisive three, as the terminal does; the
            // blockers' section below lists them all.
            let decisive = a.decisive_first(&gate.blockers);
            let more = match decisive.len().saturating_sub(3) {
                0 => String::new(),
                more => format!(" and {more} more, listed below"),
            };
            let first = ids(decisive.iter().take(3).map(|f| f.criterion.as_str()));
            let blockers = format!("blocked by {first}{more}");
            tile(out, " bad", &label, "not ready", &blockers);
        }
    }
    let capped = if a.capped_by.is_empty() {
        String::new()
    } else {
        format!(
            "the score alone gives {}; capped by unmet blockers",
            a.rating_by_score.words()
        )
    };
    let class = format!(" {}", chart::band_class(a.rating));
    tile(out, &class, "Delivery confidence", a.rating.words(), &capped);
    tile(
        out,
        "",
        "Overall score",
        &percent(&a.overall),
        &escape(&a.overall.arithmetic()),
    );
    // Counted as every format counts them: gaps due, with those blocked by
    // one of them told apart (they are named with it, not counted twice),
    // and the gate's blockers as the assessment lists them.
    let gaps = a.findings.iter().filter(|f| f.status.is_gap()).count();
    let blocked = a.findings.iter().filter(|f| f.status == Status::Blocked).count();
    let blockers = a
        .gates
        .iter()
        .find(|g| g.stage == a.target)
        .map_or(0, |g| g.blockers.len());
    let others = gaps.saturating_sub(blockers);
    let mut note = format!(
        "{blockers} blocker{}, {others} other{}",
        if blockers == 1 { "" } else { "s" },
        if others == 1 { "" } else { "s" }
    );
    if blocked > 0 {
        let _ = write!(note, "; {blocked} more blocked by them");
    }
    let class = if blockers > 0 { " bad" } else { "" };
    tile(out, class, "Gaps due by this gate", &gaps.to_string(), &note);
    out.push_str("</div>\n");
    let _ = writeln!(out, "<p class=\"note\">{}.</p>", escape(&a.shortfall_words()));
    out.push_str("</section>\n");
}

/// The gates in order with their readiness, the one assessed marked in
/// words and as the current step, then the scheme's own dates with the
/// as-of date placed among them.
fn timeline(out: &mut String, a: &Assessment) {
    out.push_str(
        "<section aria-labelledby=\"part:timeline\">\n<h2 id=\"part:timeline\">Stage-gate timeline</h2>\n\
         <ol class=\"gates\" aria-label=\"Gates in order\">\n",
    );
    for g in &a.gates {
        let class = if g.ready { "ready" } else { "blocked" };
        let (current, tag) = if g.stage == a.target {
            (" aria-current=\"step\"", "<span class=\"tag\">gate assessed</span>")
        } else {
            ("", "")
        };
        let state = if g.ready {
            "ready".to_owned()
        } else {
            format!("not ready: {}", decisive_ids(a, &g.blockers))
        };
        let _ = writeln!(
            out,
            "<li class=\"{class}\"{current}><b>{}</b>{tag}<small>{}</small><small>{}</small></li>",
            escape(g.stage.code()),
            escape(g.stage.gate()),
            state
        );
    }
    out.push_str("</ol>\n");
    if a.milestones.is_empty() {
        out.push_str("<p>The scheme records none of the key dates yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"stack fixed dates\">\n\
         <caption>Key dates the scheme records, with the date of this report</caption>\n\
         <thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Milestone</th><th scope=\"col\">Stage</th>\
         <th scope=\"col\">Where</th></tr></thead>\n<tbody>\n",
    );
    let mut as_of_shown = false;
    let as_of_row = |out: &mut String| {
        let _ = writeln!(
            out,
            "<tr class=\"asof\"><td class=\"date\" data-label=\"Date\">{}</td><th scope=\"row\">As of this report: \
             earlier dates are done, later ones planned</th><td></td><td></td></tr>",
            escape(&date_words(a.as_of))
        );
    };
    for m in &a.milestones {
        if !as_of_shown && !m.done {
            as_of_row(out);
            as_of_shown = true;
        }
        let _ = writeln!(
            out,
            "<tr{}><td class=\"date\" data-label=\"Date\">{}</td><th scope=\"row\">{}{}</th>\
             <td data-label=\"Stage\">{}</td><td data-label=\"Where\"><code>{}</code> line {}</td></tr>",
            if m.done { "" } else { " class=\"planned\"" },
            escape(&when(&m.date)),
            escape(m.label),
            if m.done { "" } else { " (planned)" },
            escape(m.stage.code()),
            breakable(m.path),
            m.position.line
        );
    }
    if !as_of_shown {
        as_of_row(out);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn rules_in_time(out: &mut String, a: &Assessment) {
    if !a.notes.is_empty() {
        out.push_str(
            "<section aria-labelledby=\"part:notes\">\n<h2 id=\"part:notes\">Notes on this file's fields</h2>\n<ul>\n",
        );
        for note in &a.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(note));
        }
        out.push_str("</ul>\n</section>\n");
    }
    let groups = a.rules_in_time();
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section aria-labelledby=\"part:in-time\">\n<h2 id=\"part:in-time\">{}</h2>\n<ul>",
        escape(super::table::RULES_IN_TIME)
    );
    for (words, criteria) in groups {
        let _ = writeln!(out, "<li><b>{}</b>: {}</li>", ids(criteria), prose(&words.to_string()));
    }
    out.push_str("</ul>\n");
    if let Some(law) = a.law_words() {
        let _ = writeln!(out, "<p>{}</p>", prose(&law));
    }
    out.push_str("</section>\n");
}

/// The organisation checklist files scored, as in
/// `Provenance::checklist_files_words` but with paths fit to publish.
fn checklist_files(p: &crate::provenance::Provenance) -> String {
    if p.checklist_files.is_empty() {
        return String::new();
    }
    let files: Vec<String> = p
        .checklist_files
        .iter()
        .map(|f| {
            format!(
                "{} from <code>{}</code> (SHA-256 {})",
                escape(&f.checklist),
                breakable(&shown_path(&f.file)),
                escape(&f.sha256)
            )
        })
        .collect();
    format!("; organisation checklists: {}", files.join(", "))
}

fn provenance(out: &mut String, report: &Report<'_>) {
    let p = report.provenance;
    let _ = writeln!(
        out,
        "<footer>\n<p>Produced by {} {} with checklist catalogue {} (SHA-256 {}){}. Scheme file <code>{}</code> (SHA-256 {}), \
         as of {}. Options: {}. Report format version {}.</p>\n</footer>",
        escape(p.tool),
        escape(p.tool_version),
        escape(p.catalogue_version),
        escape(&p.catalogue_sha256),
        checklist_files(p),
        breakable(&shown_path(&p.scheme_file)),
        escape(&p.scheme_sha256),
        p.as_of,
        escape(&p.options_words()),
        report.format_version
    );
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn scheme_text_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>&"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
        assert_eq!(escape("a\"b\u{1b}[31m"), "a&quot;b\\u{1b}[31m");
        assert_eq!(
            escape("a\u{202e}b\u{200b}\u{7}\r\n\u{ffff}"),
            "a\\u{202e}b\\u{200b}\\u{7}\\u{d}&#10;\\u{ffff}"
        );
        assert_eq!(super::prose("`a<b` and `c`"), "<code>a&lt;b</code> and <code>c</code>");
        assert_eq!(super::prose("odd ` one"), "odd ` one");
        assert_eq!(
            super::prose("set `a.b_c` in `x/y.toml`"),
            "set <code>a.<wbr>b_<wbr>c</code> in <code>x/<wbr>y.<wbr>toml</code>"
        );
        assert_eq!(super::breakable("<a.b>&"), "&lt;a.<wbr>b&gt;&amp;");
        assert_eq!(
            super::prose("waits for GATE-S2-COND. Option C&D's LGA-4.3, `NHSE-T4` COVID-19 not-an-id"),
            "waits for <span class=\"id\">GATE-S2-COND</span>. Option C&amp;D&#39;s <span class=\"id\">LGA-4.3</span>, \
             <code>NHSE-T4</code> <span class=\"id\">COVID-19</span> not-an-id"
        );
    }
}
