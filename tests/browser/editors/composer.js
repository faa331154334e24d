// The composer around every editor fixture, built the way chat and comment sites build theirs:
// no <form>, a div "button" that posts with fetch on click, and the editor's own Enter handler
// posting too. After a post the page empties the editor, as such sites do.
//
//   ?guard=npm     the page attaches the npm guard (saring/guard) with `sendControls`
//   ?guard=manual  the page attaches it only when window.composer.attach() is called
//   &verdicts=held the filter's answers wait for window.composer.answerAll()
//   (nothing)      no integration: the page relies on whatever the browser brings (the extension)
//
// window.composer exposes what the tests read: text(), snapshot() (the editor's own model,
// selection and undo history, read through its API), field (the element the guard watches),
// refusals (saring:refused events seen on the field), posted (posts answered) and attach().

/**
 * `mount(host, { onEnter })` builds the editor inside `host` and resolves to
 * `{ field, text(), clear(), snapshot() }`.
 */
export async function composer(name, mount) {
  const params = new URLSearchParams(location.search);
  const send = document.getElementById("send");
  let editor = null;
  let state = null;

  function post(via) {
    const text = editor.text().trim();
    if (!text) return;
    fetch("/api/post", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ editor: name, via, text }),
    }).then(() => {
      editor.clear();
      state.posted++;
    });
  }

  editor = await mount(document.getElementById("editor"), { onEnter: () => post("enter") });
  send.addEventListener("click", () => post("click"));

  state = {
    name,
    posted: 0, // posts the server has answered (the editor is emptied just after)
    field: editor.field,
    text: () => editor.text(),
    snapshot: () => JSON.parse(JSON.stringify(editor.snapshot())),
    refusals: 0,
    guard: null,
    // An app that sends from code (a shortcut, a scheduled post) asks the guard first.
    async postFromCode() {
      if (state.guard && !(await state.guard.mayPost())) return false;
      post("code");
      return true;
    },
    async attach() {
      // Resolved by the fixture build to the package's own modules, served from /pkg/.
      const [{ default: init, Filter }, { attachGuard }] = await Promise.all([
        import("saring"),
        import("saring/guard"),
      ]);
      await init();
      const real = new Filter({ profile: "teen" });
      // ?verdicts=held: every answer waits until answerAll() — a filter still starting or
      // busy, so that sends are made while the verdict is not known yet.
      const pending = [];
      state.answerAll = () => pending.splice(0).map((answer) => answer()).length;
      const filter = params.get("verdicts") === "held"
        ? { check: (text) => new Promise((resolve) => pending.push(() => resolve(real.check(text)))) }
        : real;
      state.guard = attachGuard(editor.field, {
        filter,
        sendControls: [send],
        lang: "id",
      });
      return true;
    },
  };
  editor.field.addEventListener("saring:refused", () => state.refusals++);
  window.composer = state;
  if (params.get("guard") === "npm") await state.attach();
  document.body.dataset.ready = "true";
}
