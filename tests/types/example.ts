// Compiled by tests/js/types.test.mjs with `tsc --noEmit` and `strict: true` against the
// built pkg/ (resolved as the packages "saring" and "saring/worker", through their `exports`).
// It uses every option and result field, so a type that goes missing or wrong fails the
// build; the `@ts-expect-error` lines are wrong usages, so types that get looser (an `any`,
// a plain `string` where a union belongs, an optional field that is required) fail it too:
// an expected error that no longer happens is itself an error.
import init, {
  Filter,
  initSync,
  languages as listLanguages,
  type Action,
  type Category,
  type Evasion,
  type ExtraTerm,
  type FilterOptions,
  type Language,
  type LanguageInfo,
  type Match,
  type Profile,
  type Severity,
  type Verdict,
} from "saring";
import { FilterWorker, createFilterWorker, type FilterWorkerSettings } from "saring/worker";

// --- init -------------------------------------------------------------------------------
export async function start(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  await init();
  await init({ module_or_path: new URL("saring_bg.wasm", import.meta.url) });
  initSync({ module: bytes });
  const exports = initSync({ module });
  const memory: WebAssembly.Memory = exports.memory;
  void memory;
  // (No expected error for `initSync({ module: "x" })`: lib.dom's WebAssembly.Module is an
  // empty interface, so TypeScript accepts any value there; wasm-bindgen's type, not ours.)
}

// --- options: every field ---------------------------------------------------------------
const profile: Profile = "child";
const languages: Language[] = ["id", "en", "jv", "su", "ms"];
// The package lists its languages, so option pages need not spell codes out.
const known: LanguageInfo[] = listLanguages();
export const defaultCodes: Language[] = known.filter((l) => l.default).map((l) => l.code);
export const names: string[] = known.map((l) => l.name);
// @ts-expect-error: not a language code
export const wrongLanguage: Language = "fr";
const extra: ExtraTerm = { term: "kampungan", category: "insult", severity: 1 };
const options: FilterOptions = {
  profile,
  languages,
  extraTerms: [extra, { term: "judol", category: "gambling", severity: 3 }],
  allowTerms: ["pantai"],
};
export const everyProfile: Profile[] = ["child", "teen", "adult"];
export const everyCategory: Category[] = [
  "profanity", "insult", "sexual", "hate", "violence", "self-harm", "drugs", "gambling",
  "personal-info", "link",
];
export const everyEvasion: Evasion[] = [
  "diacritics", "styled-letters", "homoglyphs", "leetspeak", "invisible-characters",
  "separators", "repetition", "masking", "reduplication", "informal-spelling",
];
export const everySeverity: Severity[] = [1, 2, 3];

// No options at all: every field has a default.
export const defaults = new Filter();
export const undefinedOptions = new Filter(undefined);
// @ts-expect-error: check takes a string
defaults.check(42);
// @ts-expect-error: censor takes a string
defaults.censor({ text: "x" });

// Custom terms default to category "insult", severity 2.
export const partialTerm = new Filter({ extraTerms: [{ term: "kampungan" }] });

// --- wrong options ----------------------------------------------------------------------
// @ts-expect-error: unknown profile
new Filter({ profile: "tean" });
// @ts-expect-error: unknown language
new Filter({ languages: ["fr"] });
// @ts-expect-error: languages is a list
new Filter({ languages: "id" });
// @ts-expect-error: severity is 1, 2 or 3
new Filter({ extraTerms: [{ term: "x", category: "insult", severity: 4 }] });
// @ts-expect-error: severity is a number, not a string
new Filter({ extraTerms: [{ term: "x", category: "insult", severity: "2" }] });
// @ts-expect-error: unknown category
new Filter({ extraTerms: [{ term: "x", category: "rude", severity: 2 }] });
// @ts-expect-error: an extra term needs its term
new Filter({ extraTerms: [{ category: "insult", severity: 2 }] });
// @ts-expect-error: allowTerms are strings
new Filter({ allowTerms: [1] });
// @ts-expect-error: unknown option
new Filter({ colour: "red" });

// --- results: every field ---------------------------------------------------------------
export function describe(text: string): string {
  const filter = new Filter(options);
  const current: Profile = filter.profile;
  // @ts-expect-error: profile is read-only
  filter.profile = "adult";
  const verdict: Verdict = filter.check(text);
  const action: Action = verdict.action;
  const lines: string[] = [`${current}: ${action}`];
  for (const m of verdict.matches) {
    const match: Match = m;
    const start: number = match.start;
    const end: number = match.end;
    const category: Category = match.category;
    const severity: Severity = match.severity;
    const term: string = match.term;
    const evasions: Evasion[] = match.evasions;
    lines.push(`${text.slice(start, end)} ${category}/${severity} ${term} [${evasions.join(",")}]`);
    // @ts-expect-error: severity is 1 | 2 | 3, not any number
    const four: 4 = match.severity;
    // @ts-expect-error: category is a union of names, not any string
    const other: "rude" = match.category;
    // @ts-expect-error: evasions are names, not numbers
    const n: number[] = match.evasions;
    void [four, other, n];
  }
  switch (action) {
    case "allow":
    case "warn":
    case "block":
      break;
    default: {
      const impossible: never = action;
      void impossible;
    }
  }
  // @ts-expect-error: the action is a union of names, not a number
  const num: number = verdict.action;
  // @ts-expect-error: a verdict has matches
  const partial: Verdict = { action: "allow" };
  // @ts-expect-error: a match has evasions
  const noEvasions: Match = { start: 0, end: 1, category: "insult", severity: 2, term: "x" };
  void [num, partial, noEvasions];
  const masked: string = filter.censor(text);
  lines.push(masked);
  filter.free();
  return lines.join("\n");
}

export function disposable(text: string): Action {
  using filter = new Filter({});
  return filter.check(text).action;
}

// --- saring/worker ----------------------------------------------------------------------
export async function inWorker(text: string, wasm: WebAssembly.Module): Promise<string> {
  const settings: FilterWorkerSettings = { workerUrl: new URL("./worker.js", import.meta.url), wasm };
  const w: FilterWorker = await createFilterWorker(options, settings);
  const plain = new FilterWorker();
  await plain.ready;
  const p: Profile | undefined = plain.profile;
  const verdict: Verdict = await w.check(text);
  const start: number | undefined = verdict.matches[0]?.start;
  const masked: string = await w.censor(text);
  // @ts-expect-error: the text is a string
  await w.check(42);
  // @ts-expect-error: unknown profile
  await createFilterWorker({ profile: "tean" });
  // @ts-expect-error: check resolves to a verdict, not a string
  const s: string = await w.check(text);
  // @ts-expect-error: calls return promises, not verdicts
  const sync: Verdict = w.check(text);
  // @ts-expect-error: the profile is read-only
  w.profile = "adult";
  w.terminate();
  plain.terminate();
  void [s, sync];
  return `${p} ${verdict.action} ${start} ${masked}`;
}
