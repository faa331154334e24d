// saring/worker — the worker side. Runs the WebAssembly filter off the main thread, so a very
// long text (a pasted book, a 10 MB log) never freezes the page. Started by worker-client.js
// as a module worker; it holds exactly one Filter and answers one message at a time, in order.
//
//   → { id, op: "init", options, wasm }   ← { id, ok: true, result: profile }
//   → { id, op: "check", text }           ← { id, ok: true, result: verdict }
//   → { id, op: "censor", text }          ← { id, ok: true, result: string }
//   errors                                ← { id, ok: false, error: { name, message } }
import init, { Filter } from "./saring.js";

let filter = null;
let initError = null;
let queue = Promise.resolve();

function handle({ op, options, wasm, text }) {
  switch (op) {
    case "init":
      return (async () => {
        await init(wasm === undefined ? undefined : { module_or_path: wasm });
        try {
          filter = new Filter(options);
        } catch (e) {
          initError = e;
          throw e;
        }
        return filter.profile;
      })();
    case "check":
    case "censor":
      if (initError) throw initError;
      if (!filter) throw new Error("saring/worker: the filter is not initialized");
      return op === "check" ? filter.check(text) : filter.censor(text);
    default:
      throw new Error(`saring/worker: unknown request ${JSON.stringify(op)}`);
  }
}

self.addEventListener("message", (event) => {
  const msg = event.data;
  if (!msg || typeof msg.id !== "number") return;
  // One request at a time, in arrival order (init is async; checks wait for it).
  queue = queue.then(async () => {
    try {
      const result = await handle(msg);
      self.postMessage({ id: msg.id, ok: true, result });
    } catch (e) {
      const error = e instanceof Error
        ? { name: e.name, message: e.message }
        : { name: "Error", message: String(e) };
      self.postMessage({ id: msg.id, ok: false, error });
    }
  });
});
