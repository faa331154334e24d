// Types of `saring/worker`: the same filter as `saring`, in a Web Worker, with promises.
import type { FilterOptions, Profile, Verdict } from "./saring.js";

export type {
  Action, Category, Evasion, ExtraTerm, FilterOptions, Language, LanguageInfo, Match, Profile, Severity, Verdict,
} from "./saring.js";

/** Where the worker and its WebAssembly come from (both optional). */
export interface FilterWorkerSettings {
  /** The worker script (default: `worker.js` beside this module, found by bundlers). */
  workerUrl?: string | URL;
  /**
   * Where the worker's `init()` gets the WebAssembly (default: `saring_bg.wasm` beside the
   * worker): a URL (relative ones resolve against the page), bytes or a compiled module.
   * Whatever is given must be sendable to a worker, so no `Response`.
   */
  wasm?: string | URL | BufferSource | WebAssembly.Module;
}

/** A `Filter` running in a Web Worker: every call returns a promise. */
export declare class FilterWorker {
  /** Starts the worker; bad options reject `ready` and every call with the sync API's `Error`. */
  constructor(options?: FilterOptions, settings?: FilterWorkerSettings);
  /** Resolves once the filter is built in the worker. */
  readonly ready: Promise<void>;
  /** The profile in use, once `ready` has resolved. */
  readonly profile: Profile | undefined;
  /** `{ action, matches }` with UTF-16 offsets, exactly as `Filter.check` returns it. */
  check(text: string): Promise<Verdict>;
  /** The text with every matched character masked (same UTF-16 length). */
  censor(text: string): Promise<string>;
  /** Stops the worker at once; pending and later calls reject. */
  terminate(): void;
}

/** Starts a worker and resolves once its filter is built; rejects on bad options. */
export declare function createFilterWorker(
  options?: FilterOptions,
  settings?: FilterWorkerSettings,
): Promise<FilterWorker>;
