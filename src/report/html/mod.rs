//! HTML: one self-contained page a consultant can email or print — the
//! verdict, a chart of scores per checklist (inline SVG), the stage-gate
//! timeline with the scheme's dates, the gaps with guidance and sources, and
//! the provenance. No scripts, no network, no external assets; every piece of
//! scheme text is escaped.

use std::fmt::Write as _;

use super::Report;
use super::table::{evidence_words, missing_evidence};
use crate::assessment::{Assessment, Finding, Rating, Score, Status};
use crate::checklist::Severity;
use crate::stage::Stage;
use crate::text::date_words;

/// Escapes text for HTML or XML content and attribute values, dropping
/// control characters (which have no business in a report and could hide
/// text) and the characters XML 1.0 forbids; the JUnit report uses it too.
pub fn escape(text: &str) -> String {
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
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #212b32; --muted: #4c6272; --line: #d8dde0; --blue: #005eb8; --red: #d5281b;
  --amber: #ffb81c; --green: #007f3b; --pale: #f0f4f5; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 2px solid var(--blue); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.warning { border: 2px solid #b00020; background: #fdecee; color: #5c0011; padding: .6rem .8rem; font-weight: 600; }
.verdict { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; }
.tile { border: 1px solid var(--line); border-left: 6px solid var(--blue); padding: .6rem .8rem; background: var(--pale); }
.tile b { display: block; font-size: 1.25rem; }
.tile.bad { border-left-color: var(--red); } .tile.good { border-left-color: var(--green); }
.rating-Red, .rating-Amber-Red { border-left-color: var(--red); }
.rating-Amber { border-left-color: var(--amber); }
.rating-Amber-Green, .rating-Green { border-left-color: var(--green); }
.note { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .4rem .5rem; }
th { background: var(--pale); }
td:first-child { width: 11rem; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .2rem; font-size: .8rem; font-weight: bold; color: #fff; white-space: nowrap; }
.blocker { background: var(--red); } .major { background: #aa5400; } .minor { background: var(--muted); }
.gates { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); gap: .4rem; }
.gates li { border: 1px solid var(--line); padding: .3rem .6rem; font-size: .9rem; }
td.date { white-space: nowrap; }
.gates li.ready { border-top: 5px solid var(--green); } .gates li.blocked { border-top: 5px solid var(--red); }
.gates li.target { outline: 3px solid var(--blue); }
.gates small { display: block; color: var(--muted); }
tr.asof td { border-top: 2px solid var(--blue); border-bottom: 2px solid var(--blue); font-weight: bold; color: var(--blue); }
.planned { color: var(--muted); }
code { font-family: Consolas, "Courier New", monospace; font-size: .88em; background: var(--pale); padding: 0 .2rem; }
svg text { font: 13px Arial, Helvetica, sans-serif; fill: var(--ink); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; word-break: break-all; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, .tile, .gates li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); }
}
"#;

fn percent(score: &Score) -> String {
    score.percent.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}%"))
}

fn rating_class(rating: Rating) -> String {
    format!("rating-{}", rating.words().replace('/', "-"))
}

fn severity_badge(severity: Severity) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", severity.code())
}

/// Escapes text and shows the `path` spans of reassure's messages as code.
/// Backticks pair up left to right; an odd one out stays as written.
fn prose(text: &str) -> String {
    let escaped = escape(text);
    let pieces: Vec<&str> = escaped.split('`').collect();
    if pieces.len().is_multiple_of(2) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 32);
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{piece}</code>");
        } else {
            out.push_str(piece);
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
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    out
}

pub fn render(report: &Report<'_>) -> String {
    let a = report.assessment;
    let title = format!("Readiness report: {}", a.scheme);
    let mut out = page_head(&title);
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · as of {} · stage reached: {} ({})</p>\n</header>",
        escape(&a.file),
        escape(&date_words(a.as_of)),
        a.stage.code(),
        escape(a.stage.name())
    );
    if let Some(warning) = a.legal_duty_warning() {
        let _ = writeln!(out, "<p class=\"warning\" role=\"alert\">{}</p>", escape(&warning));
    }
    verdict(&mut out, a);
    chart(&mut out, &a.scores);
    timeline(&mut out, a);
    gaps(&mut out, a);
    others(&mut out, a);
    waivers(&mut out, a);
    rules_in_time(&mut out, a);
    provenance(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn verdict(out: &mut String, a: &Assessment) {
    let _ = writeln!(out, "<section aria-label=\"Verdict\">\n<div class=\"verdict\">");
    if let Some(gate) = a.gates.iter().find(|g| g.stage == a.target) {
        let (class, words) = if gate.ready {
            ("good", "ready")
        } else {
            ("bad", "not ready")
        };
        let _ = writeln!(
            out,
            "<div class=\"tile {class}\">Gate assessed: {}<b>{words}</b>{}</div>",
            escape(a.target.gate()),
            if gate.ready {
                String::new()
            } else {
                format!(
                    "<span class=\"note\">blocked by {}</span>",
                    escape(&gate.blockers.join(", "))
                )
            }
        );
    }
    let capped = if a.capped_by.is_empty() {
        String::new()
    } else {
        format!(
            "<span class=\"note\">the score alone gives {}; capped by unmet blockers</span>",
            a.rating_by_score.words()
        )
    };
    let _ = writeln!(
        out,
        "<div class=\"tile {}\">Delivery confidence<b>{}</b>{capped}</div>",
        rating_class(a.rating),
        a.rating.words()
    );
    let _ = writeln!(
        out,
        "<div class=\"tile\">Overall score<b>{}</b><span class=\"note\">{}</span></div>",
        percent(&a.overall),
        escape(&a.overall.arithmetic())
    );
    let due_gaps = a
        .findings
        .iter()
        .filter(|f| f.status.is_gap() || f.status == Status::Blocked);
    let (blockers, others) = due_gaps.fold((0, 0), |(b, o), f| {
        if f.severity == Severity::Blocker {
            (b + 1, o)
        } else {
            (b, o + 1)
        }
    });
    let _ = writeln!(
        out,
        "<div class=\"tile{}\">Gaps due by this gate<b>{}</b><span class=\"note\">{blockers} blocker{}, {others} other{}</span></div>",
        if blockers > 0 { " bad" } else { "" },
        blockers + others,
        if blockers == 1 { "" } else { "s" },
        if others == 1 { "" } else { "s" }
    );
    out.push_str("</div>\n");
    let _ = writeln!(out, "<p class=\"note\">{}.</p>", escape(&a.shortfall_words()));
    out.push_str("</section>\n");
}

/// Horizontal bars, one per checklist, drawn to scale 0–100%.
fn chart(out: &mut String, scores: &[Score]) {
    const LABEL: u32 = 330;
    const BAR: u32 = 330;
    const ROW: u32 = 28;
    let height = ROW * scores.len() as u32 + 30;
    let width = LABEL + BAR + 70;
    let _ = writeln!(
        out,
        "<section>\n<h2>Scores by checklist</h2>\n\
         <svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         style=\"max-width:{width}px\" xmlns=\"http://www.w3.org/2000/svg\">\n\
         <title id=\"chart-title\">Score of each checklist, as a percentage of the weight that applies</title>"
    );
    for tick in [0u32, 25, 50, 75, 100] {
        let x = LABEL + BAR * tick / 100;
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" stroke=\"#d8dde0\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{tick}%</text>",
            height - 22,
            height - 6
        );
    }
    for (i, s) in scores.iter().enumerate() {
        let y = ROW * i as u32;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + 18,
            escape(&s.title)
        );
        match s.percent {
            Some(p) => {
                let colour = match p {
                    p if p >= 85.0 => "#007f3b",
                    p if p >= 55.0 => "#ffb81c",
                    _ => "#d5281b",
                };
                let length = (f64::from(BAR) * p / 100.0).round();
                let _ = writeln!(
                    out,
                    "<rect x=\"{LABEL}\" y=\"{}\" width=\"{length}\" height=\"18\" fill=\"{colour}\">\
                     <title>{}: {:.1}% ({})</title></rect>\
                     <text x=\"{}\" y=\"{}\">{:.1}%</text>",
                    y + 5,
                    escape(&s.title),
                    p,
                    escape(&s.arithmetic()),
                    f64::from(LABEL) + length + 6.0,
                    y + 18,
                    p
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" fill=\"#4c6272\">nothing applies yet</text>",
                    LABEL + 6,
                    y + 18
                );
            }
        }
    }
    out.push_str(
        "</svg>\n<p class=\"note\">Met criteria count their full weight and partly met ones half; \
                  criteria that do not apply or are not yet due are left out.</p>\n</section>\n",
    );
}

/// The gates in order with their readiness, then the scheme's own dates with
/// the as-of date placed among them.
fn timeline(out: &mut String, a: &Assessment) {
    out.push_str("<section>\n<h2>Stage-gate timeline</h2>\n<ol class=\"gates\">\n");
    for g in &a.gates {
        let mut class = if g.ready { "ready" } else { "blocked" }.to_owned();
        if g.stage == a.target {
            class.push_str(" target");
        }
        let state = if g.ready {
            "ready".to_owned()
        } else {
            format!("not ready: {}", g.blockers.join(", "))
        };
        let _ = writeln!(
            out,
            "<li class=\"{class}\"><b>{}</b><small>{}</small><small>{}</small></li>",
            escape(g.stage.code()),
            escape(g.stage.gate()),
            escape(&state)
        );
    }
    out.push_str("</ol>\n");
    if a.milestones.is_empty() {
        out.push_str("<p>The scheme records none of the key dates yet.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<table>\n<thead><tr><th>Date</th><th>Milestone</th><th>Stage</th><th>Where</th></tr></thead>\n<tbody>\n",
    );
    let mut as_of_shown = false;
    let as_of_row = |out: &mut String| {
        let _ = writeln!(
            out,
            "<tr class=\"asof\"><td class=\"date\">{}</td><td>As of this report: earlier dates are done, later ones planned</td><td></td><td></td></tr>",
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
            "<tr{}><td class=\"date\">{}</td><td>{}{}</td><td>{}</td><td><code>{}</code> line {}</td></tr>",
            if m.done { "" } else { " class=\"planned\"" },
            escape(&when(&m.date)),
            escape(m.label),
            if m.done { "" } else { " (planned)" },
            escape(m.stage.code()),
            escape(m.path),
            m.position.line
        );
    }
    if !as_of_shown {
        as_of_row(out);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn source_cell(f: &Finding) -> String {
    match &f.source_url {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&f.source)),
        None => escape(&f.source),
    }
}

fn gaps(out: &mut String, a: &Assessment) {
    let _ = writeln!(
        out,
        "<section>\n<h2>Gaps due by the {} gate</h2>",
        escape(a.target.code())
    );
    let gaps: Vec<&Finding> = a.gaps().collect();
    if gaps.is_empty() {
        let _ = writeln!(out, "<p>No gaps due by the {} gate.</p>", escape(a.target.code()));
    }
    for stage in Stage::ALL {
        let mut at_gate: Vec<&&Finding> = gaps.iter().filter(|f| f.gate == stage).collect();
        if at_gate.is_empty() {
            continue;
        }
        at_gate.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let _ = writeln!(
            out,
            "<h3>{} — {}</h3>\n<table>\n<thead><tr><th>Criterion</th><th>Status</th>\
             <th>What is missing or weak</th><th>How to close it</th></tr></thead>\n<tbody>",
            escape(stage.code()),
            escape(stage.gate())
        );
        for f in at_gate {
            let blocked = if f.blocked_by.is_empty() {
                String::new()
            } else {
                format!(" (waits for {})", escape(&f.blocked_by.join(", ")))
            };
            let _ = writeln!(
                out,
                "<tr id=\"{}\"><td>{} <b>{}</b> {}<br><span class=\"note\">{}</span></td><td>{}{blocked}</td>\
                 <td>{}<br><span class=\"note\">line {}, column {}</span></td><td>{}<br><span class=\"note\">Source: {}</span></td></tr>",
                escape(&f.criterion),
                severity_badge(f.severity),
                escape(&f.criterion),
                escape(&f.title),
                escape(f.basis.words()),
                escape(f.status.words()),
                prose(&f.evidence),
                f.position.line,
                f.position.column,
                prose(&f.guidance),
                source_cell(f)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let missing = missing_evidence(a);
    if missing.iter().any(|(_, ids)| ids.len() > 1) {
        let _ = writeln!(
            out,
            "<h3>Missing evidence, each once with the criteria it holds back</h3>\n<table>\n\
             <thead><tr><th>Evidence</th><th>Criteria</th></tr></thead>\n<tbody>"
        );
        for (path, ids) in &missing {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                prose(&evidence_words(path)),
                escape(&ids.join(", "))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

/// Findings that are neither met nor gaps, so a reader sees what was set aside and why.
fn others(out: &mut String, a: &Assessment) {
    let set_aside: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| {
            matches!(f.status, Status::NotApplicable | Status::NotYetDue | Status::Waived) || f.attestation.is_some()
        })
        .collect();
    if set_aside.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section>\n<h2>Not applicable, not yet due, waived, or judged by a person ({})</h2>\n<table>\n\
         <thead><tr><th>Criterion</th><th>Status</th><th>Why</th></tr></thead>\n<tbody>",
        set_aside.len()
    );
    for f in set_aside {
        let _ = writeln!(
            out,
            "<tr><td><b>{}</b> {}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.criterion),
            escape(&f.title),
            escape(f.status.words()),
            prose(&f.evidence)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn waivers(out: &mut String, a: &Assessment) {
    if a.waivers.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section>\n<h2>Waivers ({})</h2>\n<table>\n\
         <thead><tr><th>Criterion</th><th>State</th><th>Waiver</th><th>Expires</th><th>Note</th></tr></thead>\n<tbody>",
        a.waivers.len()
    );
    for w in &a.waivers {
        let _ = writeln!(
            out,
            "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&w.waiver.criterion),
            escape(w.state.words()),
            escape(&w.waiver.words()),
            escape(&w.waiver.expiry_words()),
            escape(&w.note)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn rules_in_time(out: &mut String, a: &Assessment) {
    if !a.notes.is_empty() {
        out.push_str("<section>\n<h2>Notes on this file's fields</h2>\n<ul>\n");
        for note in &a.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(note));
        }
        out.push_str("</ul>\n</section>\n");
    }
    let groups = a.rules_in_time();
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<ul>", escape(super::table::RULES_IN_TIME));
    for (words, ids) in groups {
        let _ = writeln!(out, "<li><b>{}</b>: {}</li>", escape(&ids.join(", ")), escape(words));
    }
    out.push_str("</ul>\n");
    if let Some(law) = a.law_words() {
        let _ = writeln!(out, "<p>{}</p>", escape(&law));
    }
    out.push_str("</section>\n");
}

fn provenance(out: &mut String, report: &Report<'_>) {
    let p = report.provenance;
    let _ = writeln!(
        out,
        "<footer>\n<p>Produced by {} {} with checklist catalogue {} (SHA-256 {}){}. Scheme file {} (SHA-256 {}), \
         as of {}. Options: {}. Report format version {}.</p>\n</footer>",
        escape(p.tool),
        escape(p.tool_version),
        escape(p.catalogue_version),
        escape(&p.catalogue_sha256),
        escape(&p.checklist_files_words()),
        escape(&p.scheme_file),
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
        assert_eq!(escape("a\"b\u{1b}[31m"), "a&quot;b[31m");
        assert_eq!(super::prose("`a<b` and `c`"), "<code>a&lt;b</code> and <code>c</code>");
        assert_eq!(super::prose("odd ` one"), "odd ` one");
    }
}
