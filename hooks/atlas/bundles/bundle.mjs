// The site's CSS and JavaScript bundles, made with esbuild (minifying) and PurgeCSS (unused rules out).
// hooks/atlas/bundles/ (Python) runs this with Node during the build and decides everything else: which pages
// share a bundle, what a bundle is named, where it is written. One job as JSON on stdin, one answer
// as JSON on stdout ({name: code}); a problem is one line on stderr and exit status 1.
//
// {"scripts": {name: [file, ...]}}: each file minified on its own, then joined in order. The site's
//   scripts are classic scripts, not modules: minified one by one, each keeps its own top level (a
//   name it declares stays global, a directive stays a directive), as when each had its own <script>.
// {"styles": {name: {css, pages, scripts, words, keep, variables}}}: the stylesheets `css`, joined in
//   order and purged of every rule that can match nothing in the words of the built `pages` (their
//   <html> tag and <body>; the <head> holds no element a rule styles), of the `scripts` (classes they
//   add at run time) and of `words`; custom properties and keyframes named in `keep` stay. Then minified.
import { readFile } from "node:fs/promises";

// Imported once Node's version is known to be new enough: PurgeCSS 7 needs Node 20.
let transform;
let PurgeCSS;
let postcss;

// PurgeCSS's own default extractor, applied here so that each file is read once and every bundle gets
// its words as one short text. Pages share most of their lines (header, nav, footer, search), so a
// bundle takes the words of each line the first time it meets it, and each line is split into words once.
const WORD = /[A-Za-z0-9_-]+/g;
const DATASET = /\bdataset\.([A-Za-z_$][\w$]*)|\bdataset\[\s*["'`]([\w-]+)["'`]\s*\]/g;
const lines = new Map(); // file → its lines
const wordsOfLine = new Map();

async function linesOf(file, page) {
  if (!lines.has(file)) {
    // Words are ASCII: read as Latin-1, every byte is one character, half the memory of UTF-8 decoded.
    const text = await readFile(file, "latin1");
    lines.set(file, page ? body(text).split("\n") : [...text.split("\n"), datasetNames(text)]);
  }
  return lines.get(file);
}

function body(html) {
  const start = html.search(/<body[\s>]/i);
  return (html.match(/<html[^>]*>/i)?.[0] ?? "") + (start >= 0 ? html.slice(start) : html);
}

// A script that sets `el.dataset.phase` gives its element a data-phase attribute, a name it never
// writes out: the rules for [data-phase=…] need that name as a word.
function datasetNames(script) {
  const names = [...script.matchAll(DATASET)].map((m) => (m[1] ?? m[2]).replace(/[A-Z]/g, "-$&").toLowerCase());
  return names.map((name) => `data-${name}`).join(" ");
}

async function wordsIn(files, page, words) {
  const met = new Set();
  for (const file of files) {
    for (const line of await linesOf(file, page)) {
      if (met.has(line)) continue;
      met.add(line);
      if (!wordsOfLine.has(line)) wordsOfLine.set(line, line.match(WORD) ?? []);
      for (const word of wordsOfLine.get(line)) words.add(word);
    }
  }
}

async function script(files) {
  const parts = [];
  for (const file of files) {
    const code = await readFile(file, "utf-8");
    const result = await transform(code, { loader: "js", minify: true, legalComments: "none", sourcefile: file });
    parts.push(result.code.trimEnd());
  }
  return `${parts.join("\n")}\n`;
}

// PurgeCSS 7.0.2 misreads :is() and :where(): it drops `.md-button:is(:hover, :focus)` (pseudo-classes
// inside count as unused), and any selector holding two of them, and quietly removes `:focus` from
// `.a:is(.b, :focus)`. A rule with either is kept whole: the site's stylesheets have a few dozen, Material's
// none (tests/test_bundles.py compares every element's style with and without purging).
function keepIsAndWhere(root) {
  root.walkRules((rule) => {
    if (/:(is|where)\(/.test(rule.selector)) rule.prepend(postcss.comment({ text: "purgecss ignore current" }));
  });
}

async function style(job) {
  const sources = await Promise.all(job.css.map((file) => readFile(file, "utf-8")));
  const root = postcss.parse(sources.join("\n"));
  keepIsAndWhere(root);
  const css = root.toString();
  const seen = new Set(job.words.match(WORD));
  await wordsIn(job.pages, true, seen);
  await wordsIn(job.scripts, false, seen);
  const [purged] = await new PurgeCSS().purge({
    content: [{ raw: [...seen].join(" "), extension: "txt" }],
    css: [{ raw: css }],
    keyframes: true,
    fontFace: true,
    variables: job.variables,
    safelist: { variables: job.keep.variables, keyframes: job.keep.keyframes },
  });
  const result = await transform(purged.css, { loader: "css", minify: true, legalComments: "none" });
  return result.code;
}

async function main() {
  if (Number(process.versions.node.split(".")[0]) < 20) {
    throw new Error(`Node.js ${process.versions.node} is too old: the bundles need Node.js 20 or newer`);
  }
  ({ transform } = await import("esbuild"));
  ({ PurgeCSS } = (await import("purgecss")).default);
  postcss = (await import("postcss")).default;
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const job = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
  const out = {};
  for (const [name, files] of Object.entries(job.scripts ?? {})) out[name] = await script(files);
  for (const [name, spec] of Object.entries(job.styles ?? {})) out[name] = await style(spec);
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  // esbuild names the file, line and column of a syntax error; a missing file names its path
  const first = error.errors?.[0];
  const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : "";
  process.stderr.write(`${where}${first?.text ?? error.message}\n`);
  process.exit(1);
});
