// saring content script (classic script: content scripts cannot be modules). Runs at
// document_start in every frame, before any page script, and does two things:
//   1. registers the capture listeners that gate submit and Enter-to-send on this window —
//      first in line, so no page listener can stop them from running;
//   2. loads the guard module (js/page-guard.js), which finds and guards the fields.
// Nothing here listens to the page (no postMessage channel, no attribute switches), and the
// page cannot reach this script's variables: content scripts run in an isolated world.
(() => {
  "use strict";
  let mod = null;
  const gate = (e) => mod?.gate(e);
  for (const type of ["submit", "keydown", "reset"]) window.addEventListener(type, gate, true);
  import(chrome.runtime.getURL("js/page-guard.js")).then(
    (m) => {
      mod = m;
      return m.start().catch((e) => console.warn("saring: the guard did not start:", e));
    },
    (e) => console.warn("saring: could not load the guard:", e),
  );
})();
