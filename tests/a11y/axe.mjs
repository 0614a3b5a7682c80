// Checks HTML reports for accessibility in a real browser: axe-core run in
// Chromium (driven by puppeteer-core) on each page at each width, for every
// WCAG 2.0, 2.1 and 2.2 A and AA rule and axe's best practices, and the
// page's scroll width measured against the window (WCAG 1.4.10, reflow).
//
// Usage: node axe.mjs NODE_MODULES_DIR PAGE.html...
// Environment: CHROMIUM (default /usr/bin/chromium), WIDTHS (default
// "1280,640,390,320"). Every <details> is opened before axe runs.
// Prints one JSON object a line per page and width:
//   {"page", "width", "scrollWidth", "innerWidth", "fetched": [...], "violations": [{"id", "impact", "help", "nodes": [...]}]}
// Exit code 0 when every page passed, 1 when any did not, 2 on a usage or
// browser error.

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [modules, ...pages] = process.argv.slice(2);
if (!modules || pages.length === 0) {
  console.error("usage: node axe.mjs NODE_MODULES_DIR PAGE.html...");
  process.exit(2);
}
// The tools live in the CI's node folder (target/ci-node), not beside this script.
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const puppeteer = require("puppeteer-core");
const axe = require("axe-core");

const widths = (process.env.WIDTHS || "1280,640,390,320").split(",").map(Number);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  // Reports are local files with no scripts; the sandbox needs privileges a
  // CI container lacks. Nothing is fetched: the pages hold no links to load.
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let failed = false;
try {
  const page = await browser.newPage();
  // A report must load nothing: any request other than the page itself fails the check.
  await page.setRequestInterception(true);
  const fetched = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.url().startsWith("file:")) {
      request.continue();
    } else {
      fetched.push(request.url());
      request.abort();
    }
  });
  for (const file of pages) {
    for (const width of widths) {
      await page.setViewport({ width, height: 900 });
      fetched.length = 0;
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
      // Measured as the page opens and again with every <details> opened, so
      // what a reader unfolds is checked too (axe passes over hidden content).
      const size = await page.evaluate(() => {
        const closed = document.documentElement.scrollWidth;
        for (const d of document.querySelectorAll("details")) d.open = true;
        return {
          scrollWidth: Math.max(closed, document.documentElement.scrollWidth),
          innerWidth: window.innerWidth,
        };
      });
      // axe is added after the measurement, so its own element cannot change it.
      await page.evaluate(axe.source);
      const results = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      const violations = results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
      if (violations.length > 0 || size.scrollWidth > size.innerWidth || fetched.length > 0) {
        failed = true;
      }
      console.log(JSON.stringify({ page: file, width, ...size, fetched, violations }));
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
