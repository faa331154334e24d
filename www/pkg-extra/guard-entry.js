// saring/guard: the input guard for pages that use the package. The guard itself is guard.js
// (copied from the repository's www/guard.js, the module the demo and the extension use); this
// entry adds the short name `guard`.
//
//   import init, { Filter } from "saring";
//   import { guard } from "saring/guard";
//   await init();
//   guard(document.querySelector("textarea"), { filter: new Filter() });
//
// The highlight colours: "saring/guard.css" (optional; a page may style the classes itself).
export * from "./guard.js";
export { attachGuard as guard } from "./guard.js";
