//! The HTML report as a board, a reader of a published page and a printer
//! get it: self-contained; the verdict, then the blockers, then the other
//! gaps; what was set aside collapsed; scores as a chart with a legend and
//! as a table; no local absolute path; WCAG 2.2 AA checked by axe-core in
//! Chromium at 1280, 640, 390 and 320 CSS px; A4 when printed. The browser tests
//! run where Chromium and the node tools (`.ci/run` installs them) are
//! found, and fail in CI (`CI` set) when they are not.

mod common;

use std::path::{Path, PathBuf};

use common::{HOSTILE, repo};

const STROKE: &str = "examples/hasu-stroke-centralisation.toml";
/// Blockers due at the gate assessed (dmbc) and other gaps left from
/// earlier gates, among them the case for change.
const CALDERDALE: &str = "examples/cases/calderdale-huddersfield-2017.toml";

fn html(args: &[&str]) -> String {
    let run = common::run(["check"].iter().chain(args).chain(&["--format", "html"]));
    assert!(run.code < 2, "{args:?}: {}", run.err);
    run.out
}

/// The text of a page with the break opportunities taken out.
fn words(html: &str) -> String {
    html.replace("<wbr>", "")
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle).unwrap_or_else(|| panic!("{needle} not in the page"))
}

#[test]
fn html_is_one_self_contained_page() {
    let run = common::run(["check", STROKE, "--format", "html"]);
    assert_eq!(run.code, 1);
    assert!(run.err.starts_with("reassure: "), "summary on stderr only: {}", run.err);
    let html = run.out;
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.ends_with("</body>\n</html>\n"));
    // Nothing fetched: no scripts, stylesheets, images, frames or CSS imports.
    for asset in ["<script", "<link", "<img", "<iframe", "@import", "url(", "src="] {
        assert!(!html.contains(asset), "external asset {asset}");
    }
    // Links are only to the sources the checklists cite.
    for href in html.split("href=\"").skip(1) {
        assert!(
            href.starts_with("https://"),
            "unexpected link {}",
            &href[..40.min(href.len())]
        );
    }
    assert!(html.contains("@media print"));
    // One bar per checklist that applies, drawn to scale: 87.5% of 320 px.
    assert!(html.contains("width=\"280\" height=\"18\""));
    // The timeline shows the scheme's own dates with the as-of date among them.
    let engagement = position(&html, "First public engagement");
    let as_of = position(&html, "As of this report");
    let consultation = position(&html, "Public consultation opens (planned)");
    assert!(engagement < as_of && as_of < consultation);
    assert!(html.contains("<tr id=\"NHSE-T4\">"));
    // A key name in code may wrap at its dots and underscores.
    assert!(html.contains("<code>commissioner_<wbr>support.<wbr>primary_<wbr>care_<wbr>view</code>"));
    // Citations read as citations.
    assert!(html.contains("<p class=\"source\">Source: <cite><a href=\"https://"));
}

/// A board reads the verdict, then what blocks the gate, then the gate's
/// other gaps, and only then those left from earlier gates.
#[test]
fn html_puts_the_verdict_then_the_blockers_before_earlier_gates_gaps() {
    let page = html(&[CALDERDALE]);
    let verdict = position(&page, "<h2 id=\"part:verdict\">Verdict</h2>");
    let blockers = position(&page, "<h2 id=\"part:blockers\">Blockers holding the dmbc gate");
    let first_blocker = position(&page, "<span class=\"badge blocker\">");
    let gaps = position(&page, "<h2 id=\"part:gaps\">");
    let earlier = position(&page, "(left from an earlier gate)</h3>");
    let chart = position(&page, "<h2 id=\"part:scores\">");
    assert!(
        verdict < blockers && blockers < first_blocker && first_blocker < gaps && gaps < earlier,
        "verdict {verdict}, blockers {blockers}, first {first_blocker}, gaps {gaps}, earlier {earlier}"
    );
    assert!(earlier < chart, "the findings come before the chart");
    // No blocker is left among the other gaps.
    assert!(!page[gaps..chart].contains("badge blocker"));
    let cfc = position(&page, "<h3>cfc —");
    let dmbc = page[gaps..].find("<h3>dmbc —").map(|i| i + gaps);
    assert!(dmbc.is_none_or(|d| d < cfc), "the gate assessed before earlier gates");
}

/// What does not apply or is not yet due is there to check, but folded away.
#[test]
fn html_sets_aside_what_does_not_apply_in_a_collapsed_details() {
    let page = html(&[STROKE]);
    assert!(!page.contains("<details open"), "collapsed");
    let details = position(&page, "<details>");
    let end = position(&page, "</details>");
    let set_aside = &page[details..end];
    assert!(set_aside.contains("<summary>Show the 41 criteria set aside, and why</summary>"));
    for status in ["not applicable", "not yet due"] {
        let cell = format!("<td data-label=\"Status\">{status}</td>");
        assert!(set_aside.contains(&cell), "{status} inside the details");
        assert!(!page[..details].contains(&cell), "{status} only inside the details");
    }
}

/// Relative luminance of a `#rrggbb` colour, as WCAG 2.2 defines it.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&element[start..start + element[start..].find('"')?])
}

/// WCAG 1.1.1, 1.4.1 and 1.4.11 for the chart: its figures are a table too,
/// each bar says its band in words, a legend gives the thresholds, and
/// every bar has an edge of at least 3:1 against the page.
#[test]
fn html_chart_has_a_table_a_legend_bands_in_words_and_edged_bars() {
    let page = html(&[STROKE]);
    assert!(
        page.contains("<svg class=\"chart\" aria-hidden=\"true\" focusable=\"false\""),
        "the chart is decoration beside its table"
    );
    let json = common::run(["check", STROKE, "--format", "json"]).out;
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let band = |p: f64| match p {
        p if p >= 85.0 => "Green",
        p if p >= 70.0 => "Amber/Green",
        p if p >= 55.0 => "Amber",
        p if p >= 40.0 => "Amber/Red",
        _ => "Red",
    };
    let scores = report["assessment"]["scores"].as_array().unwrap();
    assert!(scores.len() >= 5);
    let table = &page[position(&page, "<table class=\"stack scores\">")..];
    let table = &table[..position(table, "</table>")];
    assert!(table.contains("<caption>Score of each checklist, with its band</caption>"));
    for s in scores {
        let title = s["title"].as_str().unwrap();
        let Some(p) = s["percent"].as_f64() else { continue };
        let row = format!("<tr><th scope=\"row\">{title}</th><td class=\"num\" data-label=\"Score\">{p:.1}%</td>");
        let at = position(table, &row);
        let end = at + position(&table[at..], "</tr>");
        assert!(
            table[at..end].ends_with(&format!("<td data-label=\"Band\">{}</td>", band(p))),
            "{}",
            &table[at..end]
        );
        assert!(
            page.contains(&format!("{p:.1}% · {}</text>", band(p))),
            "bar label of {title}"
        );
    }
    for item in [
        "Green: 85% or more",
        "Amber/Green: 70% to under 85%",
        "Amber: 55% to under 70%",
        "Amber/Red: 40% to under 55%",
        "Red: under 40%",
    ] {
        assert!(page.contains(&format!("</span>{item}</li>")), "legend: {item}");
    }
    let bars: Vec<&str> = page
        .split("<rect ")
        .skip(1)
        .map(|r| &r[..r.find("/>").unwrap()])
        .collect();
    assert!(bars.len() >= scores.len() - 1);
    for bar in bars {
        let edge = attribute(bar, "stroke").unwrap_or("#ffffff");
        let contrast = (1.05) / (luminance(edge) + 0.05);
        assert!(contrast >= 3.0, "bar edge {edge} has {contrast:.2}:1 on white: {bar}");
    }
}

/// Landmarks, headings and tables a screen reader can navigate.
#[test]
fn html_has_a_main_landmark_captioned_tables_and_marks_the_gate_assessed() {
    for page in [html(&[STROKE]), html(&[CALDERDALE]), html(&["examples"])] {
        assert_eq!(page.matches("<main>").count(), 1);
        let tables = page.matches("<table").count();
        assert!(tables > 0);
        assert_eq!(page.matches("<caption").count(), tables, "every table has a caption");
        assert_eq!(
            page.matches("<th ").count() + page.matches("<th>").count(),
            page.matches("<th scope=\"").count(),
            "every header cell has a scope"
        );
    }
    let portfolio = html(&["examples"]);
    assert!(
        portfolio.contains(
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"schemes-caption\" tabindex=\"0\">\n<table class=\"stack\">\n\
             <caption id=\"schemes-caption\">"
        ),
        "a wide table scrolls in its own labelled, focusable box"
    );
    let page = html(&[STROKE]);
    assert!(page.contains("<tr id=\"NHSE-T4\"><th scope=\"row\"><span class=\"badge blocker\">"));
    let current: Vec<&str> = page
        .match_indices("aria-current=\"step\"")
        .map(|(i, _)| &page[i..])
        .collect();
    assert_eq!(current.len(), 1, "one gate assessed");
    assert!(
        current[0].starts_with("aria-current=\"step\"><b>consultation</b><span class=\"tag\">gate assessed</span>")
    );
    for label in [
        "Gate assessed",
        "Delivery confidence",
        "Overall score",
        "Gaps due by this gate",
    ] {
        assert!(page.contains(&format!("<h3>{label}")), "tile {label} has a heading");
    }
}

/// Pages fit a narrow screen and print on A4: long names break at dots
/// and slashes, not mid-word anywhere; headings keep with what follows;
/// nothing in print depends on background graphics.
#[test]
fn html_style_reflows_without_breaking_words_and_prints_on_a4() {
    for page in [html(&[STROKE]), html(&["examples"])] {
        assert!(!page.contains("break-all"), "no word is broken mid-way");
        assert!(page.contains("@page { size: A4;"));
        assert!(page.contains("h2, h3, caption, summary, .keep { break-after: avoid;"));
        let print = &page[position(&page, "@media print")..];
        assert!(print.contains(".badge { color: var(--ink); background: none; border: 1.5px solid var(--ink); }"));
    }
}

/// A page an NHS body publishes names the scheme's file as the project
/// knows it, never by an absolute local path, however it was given.
#[test]
fn html_never_shows_an_absolute_local_path() {
    let absolute = repo().join(STROKE);
    let page = words(&html(&[absolute.to_str().unwrap()]));
    let root = repo().to_str().unwrap();
    assert!(!page.contains(root), "no absolute path");
    assert_eq!(
        page.matches(&format!("<code>{STROKE}</code>")).count(),
        2,
        "header and footer"
    );

    // Outside the project: the file's name alone.
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("hostile.toml");
    std::fs::write(&outside, HOSTILE).unwrap();
    let page = words(&html(&[outside.to_str().unwrap()]));
    assert!(!page.contains(dir.path().to_str().unwrap()), "no absolute path");
    assert!(page.contains("<code>hostile.toml</code>"));

    let folder = repo().join("examples");
    let page = words(&html(&[folder.to_str().unwrap()]));
    assert!(!page.contains(root), "no absolute path in a portfolio");
    assert!(page.contains(&format!("<th scope=\"row\"><code>{STROKE}</code></th>")));
}

/// Chromium, when it can be run; in CI it must be.
fn chromium() -> Option<&'static str> {
    if std::process::Command::new("chromium").arg("--version").output().is_ok() {
        return Some("chromium");
    }
    assert!(std::env::var_os("CI").is_none(), "CI must have chromium");
    None
}

/// Chromium run headless on a page with a fresh profile.
fn headless(page: &Path, action: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--window-size=1280,3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(action)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Writes the HTML report of `args` to `page`.
fn write_page(args: &[&str], page: &Path) {
    let status = common::reassure()
        .arg("check")
        .args(args)
        .args(["--format", "html", "-o"])
        .arg(page)
        .output()
        .unwrap()
        .status;
    assert!(status.code().is_some_and(|c| c < 2), "{args:?}");
}

/// Renders the HTML report in headless Chromium as a reader's browser would:
/// the page must parse into the document we meant (title, chart, no script
/// from the scheme), paint to a PNG, and print on A4 paper.
#[test]
fn html_renders_and_prints_on_a4_in_headless_chromium() {
    let Some(_) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.toml");
    std::fs::write(&hostile, HOSTILE).unwrap();
    for (scheme, name) in [(STROKE, "stroke"), (hostile.to_str().unwrap(), "hostile")] {
        let page = dir.path().join(format!("{name}.html"));
        write_page(&[scheme], &page);
        let dom = headless(&page, &["--dump-dom".to_owned()]);
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("<svg class=\"chart\" aria-hidden=\"true\""),
            "{name}: the chart is in the parsed page"
        );
        assert!(dom.contains("<main>"), "{name}: one main landmark");
        assert!(!dom.contains("<script"), "{name}: no script element in the parsed page");
        let png = dir.path().join(format!("{name}.png"));
        let shot = headless(&page, &[format!("--screenshot={}", png.display())]);
        let bytes = std::fs::read(&png).unwrap_or_else(|_| panic!("{name}: no screenshot: {shot:?}"));
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 20_000,
            "{name}: a painted page"
        );
        let pdf = dir.path().join(format!("{name}.pdf"));
        let printed = headless(&page, &[format!("--print-to-pdf={}", pdf.display())]);
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("{name}: no PDF: {printed:?}"));
        let text = String::from_utf8_lossy(&bytes);
        let boxes: Vec<&str> = text
            .split("/MediaBox [")
            .skip(1)
            .map(|b| &b[..b.find(']').unwrap()])
            .collect();
        assert!(!boxes.is_empty(), "{name}: pages in the PDF");
        for media in boxes {
            let size: Vec<f64> = media.split_whitespace().map(|n| n.parse().unwrap()).collect();
            // A4 is 210 × 297 mm: 595.3 × 841.9 points (Chromium rounds to whole CSS px).
            assert!(
                (size[2] - 595.3).abs() < 1.0 && (size[3] - 841.9).abs() < 1.0,
                "{name}: A4 pages, not {media}"
            );
        }
    }
}

/// The node tools `.ci/run` installs into `target/ci-node`: axe-core and
/// puppeteer-core (which drives the system Chromium).
fn node_modules() -> Option<PathBuf> {
    let modules =
        std::env::var_os("A11Y_NODE_MODULES").map_or_else(|| repo().join("target/ci-node/node_modules"), PathBuf::from);
    let present = ["axe-core", "puppeteer-core"]
        .iter()
        .all(|m| modules.join(m).join("package.json").exists())
        && std::process::Command::new("node").arg("--version").output().is_ok()
        && chromium().is_some();
    if present {
        return Some(modules);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have node, Chromium, axe-core and puppeteer-core in {} (see .ci/run)",
        modules.display()
    );
    None
}

/// The widths pages are checked at, in CSS px: a desktop, a tablet in
/// portrait, a phone, and the 320 of WCAG 1.4.10 (reflow).
const WIDTHS: [u32; 4] = [1280, 640, 390, 320];

/// WCAG 2.2 AA in a real browser: axe-core over every example's report and
/// the portfolio page, at each of [`WIDTHS`], for every WCAG 2.0, 2.1 and
/// 2.2 A and AA rule and axe's best practices, with every `<details>`
/// opened; and no sideways scroll of the page at any width, opened or not.
#[test]
fn html_meets_wcag_2_2_aa_by_axe_core_in_chromium_at_every_width() {
    let Some(modules) = node_modules() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for scheme in schemes() {
        let page = dir.path().join(scheme.with_extension("html").file_name().unwrap());
        write_page(&[scheme.to_str().unwrap()], &page);
        pages.push(page);
    }
    assert!(pages.len() >= 14, "every example: {}", pages.len());
    let portfolio = dir.path().join("portfolio.html");
    write_page(&["examples"], &portfolio);
    pages.push(portfolio);

    let output = std::process::Command::new("node")
        .arg(repo().join("tests/a11y/axe.mjs"))
        .arg(&modules)
        .args(&pages)
        .env("WIDTHS", WIDTHS.map(|w| w.to_string()).join(","))
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(
        results.len(),
        pages.len() * WIDTHS.len(),
        "a result per page and width: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut failures = Vec::new();
    for r in &results {
        let page = Path::new(r["page"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy();
        let width = &r["width"];
        if r["scrollWidth"].as_u64() > r["innerWidth"].as_u64() {
            failures.push(format!(
                "{page} at {width} px scrolls sideways: {} px wide",
                r["scrollWidth"]
            ));
        }
        for v in r["violations"].as_array().unwrap() {
            failures.push(format!(
                "{page} at {width} px: {} ({}): {} — {}",
                v["id"], v["impact"], v["help"], v["nodes"][0]["target"]
            ));
        }
        if !r["fetched"].as_array().unwrap().is_empty() {
            failures.push(format!("{page} fetched {}", r["fetched"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Text from a scheme that could disguise itself — a right-to-left
/// override that turns the title round, an escape, a bell, a zero-width
/// space — is shown as visible `\u{…}` text, never passed raw or dropped.
#[test]
fn html_shows_hidden_and_control_characters_as_visible_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let scheme = dir.path().join("bidi.toml");
    let text = HOSTILE.replace(
        "name = \"<script>",
        "name = \"Stroke \u{202e}lanif\u{202c} \\u001b[31m \\u0007 zero\u{200b}width <script>",
    );
    std::fs::write(&scheme, text).unwrap();
    let page = words(&html(&[scheme.to_str().unwrap()]));
    for raw in ['\u{202e}', '\u{202c}', '\u{1b}', '\u{7}', '\u{200b}'] {
        assert!(!page.contains(raw), "no raw U+{:04X}", raw as u32);
    }
    assert!(
        page.contains("<title>Readiness report: Stroke \\u{202e}lanif\\u{202c} \\u{1b}[31m \\u{7} zero\\u{200b}width &lt;script&gt;"),
        "{}",
        &page[position(&page, "<title>")..][..200]
    );
    // The JUnit report shares the escape and stays valid XML.
    let junit = common::run(["check", scheme.to_str().unwrap(), "--format", "junit"]).out;
    assert!(junit.contains("\\u{202e}lanif"));
    assert!(!junit.chars().any(|c| c.is_control() && c != '\n'));
}

/// The portfolio page says what it covers in a sentence of its own, not
/// the line written to stderr.
#[test]
fn html_portfolio_subtitle_is_a_sentence() {
    let page = html(&["examples"]);
    let meta = &page[position(&page, "<p class=\"meta\">")..];
    let meta = &meta[..position(meta, "</p>")];
    assert!(!meta.contains("reassure:") && !meta.contains("(s)"), "{meta}");
    assert!(
        meta.ends_with("15 files: 14 assessed (2 ready, 12 failing the thresholds), 1 skipped."),
        "{meta}"
    );
}

const KENT: &str = "examples/cases/kent-medway-stroke-2019.toml";

/// The criteria ids of the rows (`<tr id="…">`) in `part` of a page.
fn row_ids(part: &str) -> Vec<&str> {
    part.split("<tr id=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
        .collect()
}

/// The blockers, the most decisive first as every format orders them:
/// failing on recorded evidence before only missing it, legal duties
/// before practice, otherwise in the catalogue's order.
#[test]
fn html_orders_blockers_the_most_decisive_first_as_the_terminal_does() {
    let json = common::run(["check", KENT, "--format", "json"]).out;
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let a = &report["assessment"];
    let gate = gate_assessed(a);
    let finding = |id: &str| {
        a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["criterion"] == id)
            .unwrap()
    };
    let mut expected: Vec<&str> = gate["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    expected.sort_by_key(|id| {
        let f = finding(id);
        (
            !matches!(f["shortfall"].as_str(), Some("recorded-fails" | "both")),
            f["basis"] != "legal-duty",
        )
    });
    let terminal = common::run(["check", KENT]).out;
    let first = terminal
        .lines()
        .find(|l| l.starts_with("   "))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(first, "GATE-DEC-POWER");
    assert_eq!(expected[0], first);

    let page = words(&html(&[KENT]));
    let verdict = &page[position(&page, "part:verdict")..position(&page, "part:blockers")];
    let named = &verdict[position(verdict, "blocked by ")..];
    assert!(
        named.starts_with(&format!("blocked by <span class=\"id\">{first}</span>"))
            || named.starts_with(&format!("blocked by {first}")),
        "{}",
        &named[..80]
    );
    // The tile names the decisive three and counts the rest, as the terminal does.
    let tile = &named[..position(named, "</span></div>")];
    assert_eq!(tile.matches("class=\"id\"").count(), 3, "{tile}");
    assert!(
        tile.contains(&format!(" and {} more, listed below", expected.len() - 3)),
        "{tile}"
    );
    let blockers = &page[position(&page, "part:blockers")..position(&page, "<h2 id=\"part:gaps\"")];
    assert_eq!(row_ids(blockers)[..expected.len()], expected[..]);
}

/// The gate a JSON assessment was assessed for.
fn gate_assessed(a: &serde_json::Value) -> &serde_json::Value {
    a["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["stage"] == a["target"])
        .unwrap()
}

/// Every example's and case's scheme file.
fn schemes() -> Vec<PathBuf> {
    let mut schemes = Vec::new();
    for folder in ["examples", "examples/cases"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(repo().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        found.sort();
        schemes.extend(found);
    }
    schemes
}

/// The number in brackets after `heading_start` (`… (24)</h2>`), or 0
/// when the page has no such heading.
fn heading_count(page: &str, heading_start: &str) -> usize {
    let Some(at) = page.find(heading_start) else { return 0 };
    let heading = &page[at..at + position(&page[at..], "</h2>")];
    let open = heading.rfind('(').unwrap() + 1;
    let digits: String = heading[open..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("a count in {heading}"))
}

/// The HTML counts as every format does, from the same assessment: gaps
/// due (those blocked by another gap told apart, not counted), the gate's
/// blockers as the assessment lists them, and what was set aside.
#[test]
fn html_counts_agree_with_the_json_for_every_example_and_case() {
    for scheme in schemes() {
        let scheme = scheme.to_str().unwrap();
        let json = common::run(["check", scheme, "--format", "json"]).out;
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let a = &report["assessment"];
        let statuses: Vec<&str> = a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["status"].as_str().unwrap())
            .collect();
        let count = |wanted: &[&str]| statuses.iter().filter(|s| wanted.contains(s)).count();
        let gaps = count(&["partly-met", "not-met", "needs-judgement", "unknown"]);
        let blocked = count(&["blocked"]);
        let set_aside = count(&["not-applicable", "not-yet-due"]);
        let gate = gate_assessed(a);
        let blockers = gate["blockers"].as_array().unwrap().len();

        let page = words(&html(&[scheme]));
        let tile = &page[position(&page, "<h3>Gaps due by this gate</h3><b>")..];
        let tile = &tile[..position(tile, "</div>")];
        assert!(tile.contains(&format!("<b>{gaps}</b>")), "{scheme}: {tile}");
        assert_eq!(
            tile.contains(&format!("{blocked} more blocked by them")),
            blocked > 0,
            "{scheme}: {tile}"
        );
        assert!(tile.contains(&format!("{blockers} blocker")), "{scheme}: {tile}");
        assert_eq!(
            heading_count(&page, "<h2 id=\"part:blockers\">"),
            blockers,
            "{scheme}: blockers"
        );
        assert_eq!(
            heading_count(&page, "<h2 id=\"part:gaps\">"),
            gaps - blockers,
            "{scheme}: other gaps"
        );
        assert_eq!(
            heading_count(&page, "<h2 id=\"part:set-aside\">"),
            set_aside,
            "{scheme}: set aside"
        );
    }
}

/// A waived criterion is shown once, with its waiver; the waivers table
/// holds only those that waive no gap (here, all, as waivers are off).
#[test]
fn html_shows_a_waived_criterion_once() {
    let rows_naming = |page: &str, id: &str| {
        let rest = &page[position(page, "<h2 id=\"part:scores\">")..position(page, "</main>")];
        rest.split("<tr").filter(|r| r.contains(id)).count()
    };
    let page = words(&html(&[STROKE]));
    assert_eq!(rows_naming(&page, "CONSIST-OPTIONS"), 1);
    let judged = &page[position(&page, "part:judged")..];
    let judged = &judged[..position(judged, "</section>")];
    assert!(judged.contains("until 31 Mar 2025 (inclusive)"), "its expiry with it");
    assert!(!page.contains("part:waivers"), "no waiver left over");

    let page = words(&html(&[STROKE, "--no-waivers"]));
    assert_eq!(rows_naming(&page, "CONSIST-OPTIONS"), 1);
    let waivers = &page[position(&page, "part:waivers")..];
    assert!(waivers.contains("<td data-label=\"State\">ignored</td>"));
}

/// A criterion id never breaks at its hyphens (`NHSE-` / `T4`), on a
/// phone or on paper: each is a `span.id` that does not wrap; lists of
/// them wrap between ids.
#[test]
fn html_keeps_criterion_ids_whole() {
    let style = html(&[STROKE]);
    assert!(style.contains(".id { white-space: nowrap; }"));
    let pages = [
        ("hasu", words(&html(&[STROKE])), ["NHSE-T4", "DUTY-INV-ICB"]),
        ("kent", words(&html(&[KENT])), ["GATE-S2", "GATE-DEC-POWER"]),
        ("portfolio", words(&html(&["examples"])), ["NHSE-T2", "DUTY-INV-ICB"]),
    ];
    for (name, page, shown) in &pages {
        for id in shown {
            assert!(
                page.contains(&format!("<span class=\"id\">{id}</span>")),
                "{name}: {id}"
            );
        }
        let body = &page[position(page, "<body>")..];
        for id in ["NHSE-T4", "NHSE-T2", "DUTY-INV-ICB", "GATE-S2", "GATE-DEC-POWER"] {
            for (at, _) in body.match_indices(id) {
                let (before, after) = (&body[..at], &body[at + id.len()..]);
                // A longer id holding this one (`GATE-S2-COND`) is checked as itself.
                let part_of_word = |c: char| c == '-' || c.is_ascii_alphanumeric();
                if after.starts_with(part_of_word) || before.ends_with(part_of_word) {
                    continue;
                }
                // A row's anchor is an attribute, not text to wrap.
                if before.ends_with("id=\"") {
                    continue;
                }
                assert!(
                    before.ends_with("<span class=\"id\">") && after.starts_with("</span>"),
                    "{name}: {id} not kept whole: …{}…",
                    &body[at.saturating_sub(80)..at + id.len() + 20]
                );
            }
        }
    }
}
