// saring/worker — the same filter as `saring`, in a Web Worker, with a promise API.
//
//   import { createFilterWorker } from "saring/worker";
//   const w = await createFilterWorker({ profile: "teen" });   // rejects on bad options
//   const v = await w.check(text);       // { action, matches: [{ start, end, … }] } (UTF-16)
//   const masked = await w.censor(text);
//   w.terminate();                       // pending calls reject
//
// Requests carry an id and replies are matched by it. Errors are real `Error`s with the
// same message as the synchronous API (`unknown profile "tean": expected …`).

let nextId = 1;

function toError(data) {
  const Ctor = { TypeError, RangeError, SyntaxError }[data?.name] ?? Error;
  const error = new Ctor(String(data?.message ?? "saring/worker: unknown error"));
  return error;
}

export class FilterWorker {
  #worker;
  #pending = new Map();
  #closed = null; // an Error once terminated or broken
  #profile = undefined;

  /**
   * Starts the worker and builds the filter in it. `settings.workerUrl` overrides where the
   * worker script is loaded from; `settings.wasm` is passed to the worker's `init()`
   * (a URL, bytes or a `WebAssembly.Module`; relative URLs resolve against this page).
   */
  constructor(options, settings = {}) {
    if (typeof Worker !== "function") {
      throw new Error(
        'saring/worker: Web Workers are not available here; use Filter from "saring" directly (in Node: initSync)',
      );
    }
    const type = { type: "module", name: "saring" };
    // Written literally so that bundlers (Vite, webpack, Parcel) find and bundle the worker.
    this.#worker = settings.workerUrl
      ? new Worker(settings.workerUrl, type)
      : new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "saring" });
    this.#worker.addEventListener("message", (event) => this.#reply(event.data));
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.#worker.terminate(); // a worker that failed once is not trusted with more texts
      this.#fail(new Error(`saring/worker: the worker failed: ${event.message || "could not load the worker script"}`));
    });
    this.#worker.addEventListener("messageerror", () => {
      this.#fail(new Error("saring/worker: a reply could not be deserialized"));
    });
    // A URL crosses to the worker as an absolute string (URL objects cannot be cloned, and a
    // relative one would resolve against the worker script instead of this page).
    let wasm = settings.wasm;
    if (wasm instanceof URL) wasm = wasm.href;
    else if (typeof wasm === "string") wasm = new URL(wasm, globalThis.location?.href).href;
    /** Resolves once the filter is built; rejects with the option error otherwise. */
    this.ready = this.#call({ op: "init", options, wasm }).then((profile) => {
      this.#profile = profile;
    });
    // Whoever awaits `ready` (or a later call) sees the error; an unawaited one is not "unhandled".
    this.ready.catch(() => {});
  }

  /** The profile in use, once `ready` has resolved. */
  get profile() {
    return this.#profile;
  }

  /** Checks a text: resolves to `{ action, matches }` exactly as `Filter.check` returns it. */
  check(text) {
    return this.#call({ op: "check", text });
  }

  /** The text with every matched character masked (same UTF-16 length). */
  censor(text) {
    return this.#call({ op: "censor", text });
  }

  /** Stops the worker at once; pending and later calls reject. */
  terminate() {
    if (this.#closed) return;
    this.#worker.terminate();
    this.#fail(new Error("saring/worker: the worker was terminated"));
  }

  #call(message) {
    if (this.#closed) return Promise.reject(new Error(this.#closed.message));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, ...message });
      } catch (e) {
        // Not cloneable (a function, a symbol, …): the same kind of message the sync API gives.
        this.#pending.delete(id);
        reject(new TypeError(`saring/worker: ${message.op}: the argument cannot be sent to the worker (${e?.message ?? e})`));
      }
    });
  }

  #reply(data) {
    const entry = data && this.#pending.get(data.id);
    if (!entry) return;
    this.#pending.delete(data.id);
    if (data.ok) entry.resolve(data.result);
    else entry.reject(toError(data.error));
  }

  #fail(error) {
    if (!this.#closed) this.#closed = error;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of pending) reject(new Error(error.message));
  }
}

/** Starts a worker and resolves once its filter is built (rejects on bad options). */
export async function createFilterWorker(options, settings) {
  const worker = new FilterWorker(options, settings);
  try {
    await worker.ready;
  } catch (e) {
    worker.terminate();
    throw e;
  }
  return worker;
}
