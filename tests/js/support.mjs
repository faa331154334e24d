// Shared by the JS and browser tests: loads the built package (pkg/) and reads the case
// tables in tests/cases/*.tsv, the same tables the Rust tests read.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const pkgDir = new URL("../../pkg/", import.meta.url);
export const casesDir = new URL("../cases/", import.meta.url);

/** The package, initialized synchronously from pkg/saring_bg.wasm (as a Node app would). */
export async function loadPackage() {
  const wasm = new URL("saring_bg.wasm", pkgDir);
  if (!existsSync(wasm)) throw new Error("pkg/ is not built: run `make pkg` first");
  const saring = await import(new URL("saring.js", pkgDir).href);
  saring.initSync({ module: readFileSync(wasm) });
  return saring;
}

/**
 * Undoes the escapes of the case tables: \t, \n, \\ and \u{HEX}, as tests/cases.rs does.
 * Any other backslash sequence is an error, so that a typo in a table cannot pass silently.
 */
export function unescapeCase(s, where = "") {
  return s.replace(/\\(u\{([0-9A-Fa-f]{1,6})\}|.)/gsu, (all, what, hex) => {
    if (hex !== undefined) {
      const cp = Number.parseInt(hex, 16);
      if (cp > 0x10ffff) throw new Error(`${where}: bad escape ${all}`);
      return String.fromCodePoint(cp);
    }
    switch (what) {
      case "t": return "\t";
      case "n": return "\n";
      case "\\": return "\\";
      default: throw new Error(`${where}: unknown escape ${all}`);
    }
  });
}

/** Tables with columns of their own, read by their own tests (hate.tsv: readHateCases). */
const OWN_FORMAT = ["hate.tsv"];

/**
 * Reads every tests/cases/*.tsv but those in OWN_FORMAT. Each case:
 * `{ file, line, profile, text, action, hits: [{ category, text }] }`.
 * Format: `# comment` lines and blank lines are skipped; other lines are
 * `profile<TAB>text<TAB>expected_action<TAB>expected_hits`, where expected_hits is `-` or a
 * list of `category:original-substring` separated by " ; " (space, semicolon, space — as
 * tests/cases.rs reads it), so a substring may itself hold a `;`.
 */
export function readCases() {
  if (!existsSync(casesDir)) return [];
  const files = readdirSync(casesDir)
    .filter((f) => f.endsWith(".tsv") && !OWN_FORMAT.includes(f))
    .sort();
  const cases = [];
  for (const file of files) {
    const lines = readFileSync(new URL(file, casesDir), "utf8").split(/\r?\n/);
    lines.forEach((raw, i) => {
      const where = `tests/cases/${file}:${i + 1}`;
      if (raw.trim() === "" || raw.startsWith("#")) return;
      const cols = raw.split("\t");
      if (cols.length !== 4) {
        throw new Error(`${where}: expected 4 tab-separated columns, found ${cols.length}`);
      }
      const [profile, text, action, hits] = cols;
      cases.push({
        file,
        line: i + 1,
        where,
        profile: profile.trim(),
        text: unescapeCase(text, where),
        action: action.trim(),
        hits: hits.trim() === "-"
          ? []
          : hits.split(" ; ").map((h) => {
            const colon = h.indexOf(":");
            if (colon < 1) throw new Error(`${where}: bad hit ${JSON.stringify(h)} (want category:text)`);
            return { category: h.slice(0, colon), text: unescapeCase(h.slice(colon + 1), where) };
          }),
      });
    });
  }
  return cases;
}

export const CATEGORIES = [
  "profanity", "insult", "sexual", "hate", "violence", "self-harm", "drugs", "gambling",
  "personal-info", "link",
];
export const ACTIONS = ["allow", "warn", "block"];
export const PROFILES = ["child", "teen", "adult"];

/** The rule ids of the constructions stage (docs/constructions.md). */
export const CONSTRUCTION_RULES = [
  "threat-against-group", "incitement", "dehumanization", "negative-attribute",
  "hateful-emotion", "exclusion",
];

/**
 * Reads tests/cases/hate.tsv (`text<TAB>action<TAB>rule<TAB>family<TAB>note`, checked under the
 * default profile) and the known misses in tests/cases/hate-misses.txt, as tests/constructions.rs
 * does. Each case: `{ line, where, raw, text, action, rule, family, knownMiss }`.
 */
export function readHateCases() {
  const misses = new Set(
    readFileSync(new URL("hate-misses.txt", casesDir), "utf8")
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "" && !l.startsWith("#")),
  );
  const cases = [];
  readFileSync(new URL("hate.tsv", casesDir), "utf8").split(/\r?\n/).forEach((raw, i) => {
    const where = `tests/cases/hate.tsv:${i + 1}`;
    if (raw.trim() === "" || raw.startsWith("#")) return;
    const cols = raw.split("\t");
    if (cols.length !== 5) throw new Error(`${where}: expected 5 tab-separated columns, found ${cols.length}`);
    const [text, action, rule, family] = cols;
    cases.push({
      line: i + 1, where, raw: text, text: unescapeCase(text, where), action, rule, family,
      knownMiss: misses.has(text),
    });
  });
  return { cases, misses };
}
