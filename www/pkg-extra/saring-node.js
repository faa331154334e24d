// The package's entry point in Node (the "node" condition of package.json's exports): the same
// module as saring.js, except that `init()` with no argument reads saring_bg.wasm from the
// package folder instead of fetching it, which Node cannot do for a file: URL.
import { readFile } from "node:fs/promises";
import initWeb from "./saring.js";

export * from "./saring.js";

/**
 * Starts the module: `await init()` reads the package's own saring_bg.wasm; any argument
 * `init()` of the web build takes (`{ module_or_path }`: bytes, a `WebAssembly.Module`, a
 * `Response`) is passed on as it is.
 */
export default async function init(options) {
  const given = options !== undefined && options !== null &&
    (typeof options !== "object" || !("module_or_path" in options) || options.module_or_path != null);
  if (given) return initWeb(options);
  const bytes = await readFile(new URL("./saring_bg.wasm", import.meta.url));
  return initWeb({ module_or_path: bytes });
}
