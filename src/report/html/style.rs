//! The HTML report's one style sheet, shared by the portfolio page: NHS
//! colours, a layout that reflows to 320 CSS px without sideways scrolling
//! (WCAG 1.4.10), and print styles for A4 that need no background graphics.

/// The style sheet. Why some rules are as they are:
/// - criterion ids never break at their hyphens (`.id`, `nowrap`): the
///   columns that hold them are never narrower than the longest id (20
///   characters, in bold) needs;
/// - long names never force the page wider: `overflow-wrap: anywhere` lets
///   any word break as a last resort, and code spans carry `<wbr>` after
///   dots, slashes and underscores (never `word-break: break-all`, which
///   breaks every word mid-way and reads badly);
/// - prose-heavy tables (`table.stack`) become one block per row below
///   40rem, each cell labelled by its column; tables of figures keep their
///   grid and scroll inside their own labelled, focusable box (`.scroll`);
/// - everything that carries meaning in print is a border or text, never a
///   background, since browsers print without background graphics by
///   default.
pub const STYLE: &str = r#"
:root { --ink: #212b32; --muted: #4c6272; --line: #d8dde0; --blue: #005eb8; --pale: #f0f4f5;
  --red: #d5281b; --amber-red: #ed8b00; --amber: #ffb81c; --amber-green: #78be20; --green: #007f3b; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 1.5rem; overflow-wrap: break-word; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .25rem; overflow-wrap: break-word; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 2px solid var(--blue); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.warning { border: 3px solid #b00020; background: #fdecee; color: #5c0011; padding: .6rem .8rem; font-weight: 600; }
.verdict { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(12rem, 100%), 1fr)); gap: .75rem; }
.tile { border: 1px solid var(--line); border-left: 8px solid var(--blue); padding: .6rem .8rem; background: var(--pale); }
.tile h3 { font-size: 1rem; font-weight: normal; margin: 0; }
.tile b { display: block; font-size: 1.25rem; }
.tile.bad { border-left-color: var(--red); } .tile.good { border-left-color: var(--green); }
.swatch.band-Red { border-color: var(--red); } .swatch.band-Amber-Red { border-color: var(--amber-red); }
.swatch.band-Amber { border-color: var(--amber); } .swatch.band-Amber-Green { border-color: var(--amber-green); }
.swatch.band-Green { border-color: var(--green); }
.tile.band-Red { border-left-color: var(--red); } .tile.band-Amber-Red { border-left-color: var(--amber-red); }
.tile.band-Amber { border-left-color: var(--amber); } .tile.band-Amber-Green { border-left-color: var(--amber-green); }
.tile.band-Green { border-left-color: var(--green); }
.note { color: var(--muted); font-size: .9rem; }
.legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; font-size: .9rem; }
.swatch { display: inline-block; width: 0; height: 0; border: .5rem solid; outline: 1px solid var(--ink); vertical-align: -.1rem; margin-right: .4rem; }
svg.chart { display: block; width: 100%; height: auto; max-width: 36rem; }
svg text { font: 13px Arial, Helvetica, sans-serif; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 .4rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .4rem .5rem; }
thead th { background: var(--pale); border-bottom: 2px solid var(--muted); }
tbody th { font-weight: normal; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid var(--muted); }
th.num, td.num { text-align: right; } td.num { white-space: nowrap; }
table.fixed { table-layout: fixed; }
table.fixed th, table.fixed td, .meta, footer { overflow-wrap: anywhere; }
table.gaps thead th:nth-child(1) { width: 12.5rem; } table.gaps thead th:nth-child(2) { width: 8.5rem; }
table.dates thead th:nth-child(1) { width: 8rem; } table.dates thead th:nth-child(3) { width: 8rem; }
table.waivers thead th:nth-child(1) { width: 12.5rem; } table.waivers thead th:nth-child(2) { width: 13%; }
table.waivers thead th:nth-child(3) { width: 40%; }
table.reasons thead th:nth-child(1) { width: 15rem; } table.reasons thead th:nth-child(2) { width: 14%; }
td.date { white-space: nowrap; }
.id { white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus { outline: 3px solid #ffeb3b; outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
.vh { position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important; margin: -1px !important;
  overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important; }
.badge { display: inline-block; padding: 0 .4rem; border: 2px solid; border-radius: .2rem; font-size: .8rem; font-weight: bold; color: #fff; white-space: nowrap; }
.blocker { background: var(--red); border-color: var(--red); } .major { background: #aa5400; border-color: #aa5400; }
.minor { background: var(--muted); border-color: var(--muted); }
.gates { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(13.5rem, 100%), 1fr)); gap: .4rem; }
.gates li { border: 1px solid var(--line); padding: .3rem .6rem; font-size: .9rem; }
.gates li.ready { border-top: 5px solid var(--green); } .gates li.blocked { border-top: 5px solid var(--red); }
.gates li[aria-current] { border: 3px solid var(--blue); border-top-width: 5px; }
.gates li.ready[aria-current] { border-top-color: var(--green); } .gates li.blocked[aria-current] { border-top-color: var(--red); }
.gates small { display: block; color: var(--muted); }
.tag { display: inline-block; margin-left: .3rem; padding: 0 .3rem; border: 1px solid var(--blue); color: var(--blue); font-size: .8rem; font-weight: bold; }
tr.asof > * { border-top: 2px solid var(--blue); border-bottom: 2px solid var(--blue); font-weight: bold; color: var(--blue); }
.planned { color: var(--muted); }
code { font-family: Consolas, "Courier New", monospace; font-size: .88em; background: var(--pale); padding: 0 .2rem; }
.source { margin: .35rem 0 0; font-size: .88rem; color: var(--muted); }
cite { font-style: italic; color: var(--ink); }
details { border: 1px solid var(--line); padding: .4rem .6rem; }
summary { cursor: pointer; font-weight: bold; color: var(--blue); }
details[open] summary { margin-bottom: .5rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media (max-width: 40rem) {
  body { padding: 1rem .75rem; }
  h1 { font-size: 1.5rem; }
  table.stack, table.stack caption, table.stack tbody, table.stack tfoot, table.stack tr, table.stack th, table.stack td { display: block; width: auto; }
  table.stack td.num { text-align: left; } table.stack.dates tbody th { font-weight: bold; } table.stack td:empty { display: none; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border-bottom: 1px solid var(--muted); padding: .4rem 0; }
  table.stack th, table.stack td { border: 0; padding: .15rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  th, td { padding: .3rem .25rem; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.2rem; }
  h2, h3, caption, summary, .keep { break-after: avoid; page-break-after: avoid; }
  .tile, .gates li, svg.chart, .legend, .warning, table.scores, table.dates tr, table.evidence tr { break-inside: avoid; page-break-inside: avoid; }
  /* A row of prose may split across pages: kept whole, a long one would
     leave its heading and the column headers alone at the foot of a page. */
  table.gaps tr, table.reasons tr, table.waivers tr { break-inside: auto; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  /* Paper cannot scroll: the portfolio's wide table is set smaller to fit A4. */
  .scroll > table { font-size: 8.5pt; } .scroll > table th, .scroll > table td { padding: .2rem .25rem; }
  svg.chart { max-width: 30rem; }
  .badge { color: var(--ink); background: none; border: 1.5px solid var(--ink); }
  .badge.blocker { border-width: 2.5px; }
  .tag, tr.asof > * { color: var(--ink); }
  details { border: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; color: var(--muted); font-style: normal; }
}
"#;
