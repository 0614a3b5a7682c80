//! The scores section: a bar chart per checklist coloured on the five-point
//! delivery-confidence scale, a legend with the thresholds, and the same
//! figures as a table. The table is the text alternative (WCAG 1.1.1): the
//! chart is hidden from assistive technology, and every bar also says its
//! band in words, so colour never carries meaning alone (1.4.1).

use std::fmt::Write as _;

use super::{escape, percent};
use crate::assessment::{Rating, Score};
use crate::engine::RATING_THRESHOLDS;

/// The CSS class naming a band (`band-Amber-Red`).
pub fn band_class(rating: Rating) -> String {
    format!("band-{}", rating.words().replace('/', "-"))
}

/// A band's fill in the chart; the same colours as the style sheet's.
fn fill(rating: Rating) -> &'static str {
    match rating {
        Rating::Red => "#d5281b",
        Rating::AmberRed => "#ed8b00",
        Rating::Amber => "#ffb81c",
        Rating::AmberGreen => "#78be20",
        Rating::Green => "#007f3b",
    }
}

/// Every bar's outline: the light fills (amber is 1.7:1 on white) need an
/// edge with at least 3:1 against the page (WCAG 1.4.11); this one has 14:1.
pub const OUTLINE: &str = "#212b32";

/// The bands from best to worst with the range of scores each covers.
pub fn bands() -> Vec<(Rating, String)> {
    let mut out = Vec::new();
    let mut above: Option<f64> = None;
    for (threshold, rating) in RATING_THRESHOLDS {
        let words = match above {
            None => format!("{threshold}% or more"),
            Some(upper) => format!("{threshold}% to under {upper}%"),
        };
        out.push((rating, words));
        above = Some(threshold);
    }
    let lowest = above.map_or_else(|| "any score".to_owned(), |t| format!("under {t}%"));
    out.push((Rating::Red, lowest));
    out
}

pub fn section(out: &mut String, scores: &[Score], overall: &Score, rating_by_score: Rating) {
    out.push_str("<section aria-labelledby=\"part:scores\">\n<h2 id=\"part:scores\">Scores by checklist</h2>\n");
    chart(out, scores);
    legend(out);
    table(out, scores, overall, rating_by_score);
    out.push_str(
        "<p class=\"note\">Met criteria count their full weight and partly met ones half; \
         criteria that do not apply or are not yet due are left out. Each checklist's band applies \
         the thresholds of the delivery-confidence rating to its own score.</p>\n</section>\n",
    );
}

/// Horizontal bars drawn to scale 0–100%, each under its checklist's name
/// and followed by its score and band in words; grid lines at the band
/// thresholds. Stacking name over bar keeps the chart narrow enough to stay
/// legible on a phone. Hidden from assistive technology: the table after it
/// holds the same figures.
fn chart(out: &mut String, scores: &[Score]) {
    const LEFT: u32 = 14;
    const BAR: u32 = 320;
    const ROW: u32 = 46;
    const TOP: u32 = 4;
    let rows = u32::try_from(scores.len()).unwrap_or(u32::MAX / ROW - 1);
    let height = TOP + ROW * rows + 22;
    let width = LEFT + BAR + 124;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 {width} {height}\" \
         width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let mut ticks = vec![0.0, 100.0];
    ticks.extend(RATING_THRESHOLDS.iter().map(|(t, _)| *t));
    ticks.sort_by(f64::total_cmp);
    for tick in ticks {
        let x = f64::from(LEFT) + f64::from(BAR) * tick / 100.0;
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"{TOP}\" x2=\"{x}\" y2=\"{}\" stroke=\"#aeb7bd\" stroke-dasharray=\"3 3\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{tick}%</text>",
            height - 18,
            height - 4
        );
    }
    for (i, s) in scores.iter().enumerate() {
        let y = TOP + ROW * u32::try_from(i).unwrap_or(0);
        let _ = write!(out, "<text x=\"{LEFT}\" y=\"{}\">{}</text>", y + 14, escape(&s.title));
        match s.percent {
            Some(p) => {
                let rating = Rating::for_percent(p);
                let length = (f64::from(BAR) * p / 100.0).round();
                let _ = writeln!(
                    out,
                    "<rect class=\"bar\" x=\"{LEFT}\" y=\"{}\" width=\"{length}\" height=\"18\" fill=\"{}\" \
                     stroke=\"{OUTLINE}\" stroke-width=\"1\"/><text x=\"{}\" y=\"{}\">{:.1}% · {}</text>",
                    y + 20,
                    fill(rating),
                    f64::from(LEFT) + length + 6.0,
                    y + 34,
                    p,
                    rating.words()
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<text x=\"{LEFT}\" y=\"{}\" fill=\"#4c6272\">nothing applies yet</text>",
                    y + 34
                );
            }
        }
    }
    out.push_str("</svg>\n");
}

fn legend(out: &mut String) {
    out.push_str("<ul class=\"legend\" aria-label=\"Bands\">\n");
    for (rating, words) in bands() {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch {}\" aria-hidden=\"true\"></span>{}: {}</li>",
            band_class(rating),
            rating.words(),
            escape(&words)
        );
    }
    out.push_str("</ul>\n");
}

/// The chart's figures as a table: its text alternative, and the place a
/// reader finds the weight behind each percentage. Stacked on a narrow
/// screen like the findings, so its band column is never scrolled away.
fn table(out: &mut String, scores: &[Score], overall: &Score, rating_by_score: Rating) {
    out.push_str(
        "<table class=\"stack scores\">\n<caption>Score of each checklist, with its band</caption>\n\
         <thead><tr><th scope=\"col\">Checklist</th><th scope=\"col\" class=\"num\">Score</th>\
         <th scope=\"col\" class=\"num\">Weight met</th><th scope=\"col\" class=\"num\">Criteria applied</th>\
         <th scope=\"col\">Band</th></tr></thead>\n<tbody>\n",
    );
    for s in scores {
        row(out, &escape(&s.title), s, s.percent.map(Rating::for_percent));
    }
    out.push_str("</tbody>\n<tfoot>\n");
    row(out, "All checklists", overall, overall.percent.map(|_| rating_by_score));
    out.push_str("</tfoot>\n</table>\n");
}

fn row(out: &mut String, name: &str, s: &Score, band: Option<Rating>) {
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">{name}</th><td class=\"num\" data-label=\"Score\">{}</td>\
         <td class=\"num\" data-label=\"Weight met\">{} of {}</td>\
         <td class=\"num\" data-label=\"Criteria applied\">{} of {}</td><td data-label=\"Band\">{}</td></tr>",
        percent(s),
        crate::text::number_words(s.met_weight),
        s.applicable_weight,
        s.applied,
        s.total,
        band.map_or("nothing applies yet", Rating::words)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_rating_thresholds() {
        assert_eq!(Rating::for_percent(85.0), Rating::Green);
        assert_eq!(Rating::for_percent(84.9), Rating::AmberGreen);
        assert_eq!(Rating::for_percent(55.0), Rating::Amber);
        assert_eq!(Rating::for_percent(40.0), Rating::AmberRed);
        assert_eq!(Rating::for_percent(39.9), Rating::Red);
        let words: Vec<String> = bands().iter().map(|(r, w)| format!("{}: {w}", r.words())).collect();
        assert_eq!(
            words,
            [
                "Green: 85% or more",
                "Amber/Green: 70% to under 85%",
                "Amber: 55% to under 70%",
                "Amber/Red: 40% to under 55%",
                "Red: under 40%"
            ]
        );
    }
}
