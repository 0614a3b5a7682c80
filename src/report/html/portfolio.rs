//! The portfolio as one HTML page: what the page covers in a sentence, then
//! a row per file that stacks on a narrow screen, in the same style sheet as
//! one scheme's report.

use std::fmt::Write as _;

use super::{breakable, escape, keep_ids, page_head};
use crate::provenance::{Options, catalogue_sha256};
use crate::report::Format;
use crate::report::portfolio::{HEADER, Rows, cells};

/// The portfolio as one page: a row per file, written a row at a time.
pub(crate) fn write(rows: &mut Rows, options: &Options, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut head = page_head("Portfolio readiness");
    // What the page covers, in a sentence: the files, then what became of
    // them, naming only the outcomes that occurred beyond "assessed".
    let t = rows.totals().clone();
    let mut outcomes = vec![if t.assessed > 0 {
        format!(
            "{} assessed ({} ready, {} failing the thresholds)",
            t.assessed, t.ready, t.failing
        )
    } else {
        "none assessed".to_owned()
    }];
    for (n, outcome) in [(t.invalid, "invalid"), (t.skipped, "skipped")] {
        if n > 0 {
            outcomes.push(format!("{n} {outcome}"));
        }
    }
    let covers = format!(
        "{} {}: {}.",
        t.files,
        if t.files == 1 { "file" } else { "files" },
        outcomes.join(", ")
    );
    let _ = writeln!(
        head,
        "<header>\n<h1>Portfolio readiness</h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n\
         <div class=\"scroll\" role=\"region\" aria-labelledby=\"schemes-caption\" tabindex=\"0\">\n<table class=\"stack\">\n\
         <caption id=\"schemes-caption\">Readiness of each scheme, one row per file</caption>\n<thead><tr>{}</tr></thead>\n<tbody>",
        escape(&covers),
        HEADER
            .iter()
            .map(|h| format!("<th scope=\"col\">{h}</th>"))
            .collect::<String>()
    );
    Format::Html.write_defused(head, out)?;
    for e in rows.read()? {
        let e = e?;
        // The file is the row's header, shown as a published page may show
        // it (never a local absolute path) and free to wrap at its slashes.
        // On a narrow screen the rows stack, each cell labelled; wider, a
        // table too wide for the window scrolls inside its own box.
        let mut cells = cells(&e).into_iter();
        let file = cells.next().unwrap_or_default();
        let row: String = cells
            .zip(&HEADER[1..])
            .map(|(c, label)| format!("<td data-label=\"{label}\">{}</td>", keep_ids(&escape(&c))))
            .collect();
        let line = format!(
            "<tr><th scope=\"row\"><code>{}</code></th>{row}</tr>\n",
            breakable(&crate::project::shown_path(&file))
        );
        Format::Html.write_defused(line, out)?;
    }
    let tail = format!(
        "</tbody>\n</table>\n</div>\n</main>\n<footer>\n<p>Produced by reassure {} with checklist catalogue {} (SHA-256 {}). \
         Options: {}.</p>\n</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION"),
        catalogue_sha256(),
        escape(&options.words())
    );
    Format::Html.write_defused(tail, out)
}
