// Types of saring/guard. The guard's full DOM contract: docs/guard.md in the repository.
import type { Verdict } from "./saring.js";

/** Anything that checks a text: a saring `Filter`, or a worker that answers with a Promise. */
export interface GuardFilter {
  check(text: string): Verdict | Promise<Verdict>;
}

/** Options of `guard(field, options)`; the guard accepts more (see docs/guard.md). */
export interface GuardOptions {
  filter: GuardFilter;
  /** "id" or "en"; default: the page's `<html lang>`. */
  lang?: string;
  /** A CSS selector for send controls the guard cannot recognise by their label. */
  sendControls?: string;
  [option: string]: unknown;
}

/** A guarded field. */
export interface Guard {
  /** Checks the field's text now. */
  check(): unknown;
  /** For apps that send from code: resolves true when the text may be sent now. */
  mayPost(): Promise<boolean>;
  /** The last verdict. */
  readonly verdict: Verdict | null;
  /** The field's text. */
  readonly text: string;
  /** Uses another filter from now on. */
  setFilter(filter: GuardFilter): void;
  /** Speaks another language from now on. */
  setLang(lang: string): void;
  /** Stops guarding and removes the layer and the status region. */
  detach(): void;
  [member: string]: unknown;
}

/** Screens a textarea, text input or contenteditable as the user types. */
export function attachGuard(field: HTMLElement, options: GuardOptions): Guard;
/** The same as `attachGuard`. */
export const guard: typeof attachGuard;
/** The guard's messages, by language. */
export const MESSAGES: Record<string, Record<string, unknown>>;
/** "en" for English page languages, else "id". */
export function pickLang(lang?: string): "id" | "en";
