// saring input guard — screens a textarea, text input or contenteditable as the user types.
//
//   import { attachGuard } from "./guard.js";
//   const guard = attachGuard(textarea, { filter });   // filter: a saring `Filter` (or
//                                                      // anything with check(text))
//
// DOM contract (see DESIGN.md, "The input guard"):
//   - after every edit (typing, paste, cut, drop, undo/redo; IME compositions are checked
//     when they end) the field gets data-saring-action="allow|warn|block";
//   - each hit is drawn as <mark class="saring-hit" data-category="…"> in a highlight layer
//     (div.saring-layer, aria-hidden) over the field. The layer mirrors the field's text with
//     text nodes only — user text never goes through innerHTML — and never changes the field;
//   - while the action is "block" the enclosing form's submit and Enter-to-send are refused
//     and the reasons are shown; "warn" asks once (the second attempt with the same text goes
//     through);
//   - an aria-live region (div.saring-status) announces the verdict in human sentences, in
//     Indonesian or English (options.lang, else the page's <html lang>);
//   - every check dispatches a "saring:verdict" CustomEvent on the field
//     (detail: { action, matches, text, checkMs, renderMs }).
//
// The filter's check(text) may also return a Promise of the verdict (the browser extension asks
// its service worker): a late answer for text that has changed since is dropped, and while an
// answer is outstanding a send is refused — a submit is sent again by itself once the answer
// allows it.
//
// No dependencies, no network, no bundler: a plain ES module shared by the demo page and the
// browser extension.

const ACTIONS = ["allow", "warn", "block"];

export const MESSAGES = {
  id: {
    allow: "Aman untuk dikirim.",
    warn: "Periksa lagi sebelum mengirim.",
    block: "Tidak bisa dikirim.",
    refused: "Tidak bisa dikirim. Ubah bagian yang ditandai dulu.",
    confirm: "Yakin mau mengirim? Tekan kirim sekali lagi untuk tetap mengirim.",
    hit: (text, cat, how) => `“${text}”: ${cat}${how ? ` (${how})` : ""}.`,
    disguise: (list) => `ditulis dengan ${list}`,
    and: "dan",
    categories: {
      profanity: "kata kasar",
      insult: "hinaan",
      sexual: "konten seksual",
      hate: "ujaran kebencian (SARA)",
      violence: "ancaman kekerasan",
      "self-harm": "menyakiti diri sendiri",
      drugs: "narkoba",
      gambling: "judi",
      "personal-info": "data pribadi",
      link: "tautan",
    },
    evasions: {
      diacritics: "tanda diakritik",
      "styled-letters": "huruf hias (lebar/matematika)",
      homoglyphs: "huruf kembar dari abjad lain (Kiril/Yunani)",
      leetspeak: "angka atau simbol pengganti huruf",
      "invisible-characters": "karakter tak terlihat",
      separators: "huruf yang dipisah-pisah",
      repetition: "huruf yang dipanjangkan",
      masking: "huruf yang disamarkan (*)",
      reduplication: "angka 2 untuk kata ulang",
      "informal-spelling": "ejaan alay/singkatan",
    },
    selfHarmHelp:
      "Kalau kamu sedang merasa berat, kamu tidak sendiri: bicaralah dengan orang yang kamu percaya.",
  },
  en: {
    allow: "OK to post.",
    warn: "Have another look before posting.",
    block: "This can't be posted.",
    refused: "This can't be posted. Change the marked words first.",
    confirm: "Post anyway? Press send once more to post it.",
    hit: (text, cat, how) => `“${text}”: ${cat}${how ? ` (${how})` : ""}.`,
    disguise: (list) => `written with ${list}`,
    and: "and",
    categories: {
      profanity: "profanity",
      insult: "insult",
      sexual: "sexual content",
      hate: "hate speech",
      violence: "threat of violence",
      "self-harm": "self-harm",
      drugs: "drugs",
      gambling: "gambling",
      "personal-info": "personal information",
      link: "link",
    },
    evasions: {
      diacritics: "accents",
      "styled-letters": "styled (fullwidth/math) letters",
      homoglyphs: "look-alike letters from another alphabet (Cyrillic/Greek)",
      leetspeak: "digits or symbols for letters",
      "invisible-characters": "invisible characters",
      separators: "letters split apart",
      repetition: "stretched letters",
      masking: "masked letters (*)",
      reduplication: "a 2 for a repeated word",
      "informal-spelling": "informal spelling",
    },
    selfHarmHelp: "If things feel heavy, you are not alone: talk to someone you trust.",
  },
};

/** "id" or "en" from an explicit value or the page's language. */
export function pickLang(lang) {
  const l = (lang || document.documentElement.lang || navigator.language || "id").toLowerCase();
  return l.startsWith("en") ? "en" : "id";
}

function joinList(items, and) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

/** Human sentences for the hits of a verdict (one per distinct hit text + category). */
export function describe(verdict, text, lang) {
  const m = MESSAGES[pickLang(lang)];
  const seen = new Set();
  const lines = [];
  let selfHarm = false;
  for (const hit of verdict.matches) {
    const shown = text.slice(hit.start, hit.end);
    const key = `${hit.category}\u0000${shown}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (hit.category === "self-harm") selfHarm = true;
    const ev = (hit.evasions ?? []).map((e) => m.evasions[e] ?? e);
    const how = ev.length ? m.disguise(joinList(ev, m.and)) : "";
    lines.push(m.hit(shown, m.categories[hit.category] ?? hit.category, how));
  }
  if (selfHarm) lines.push(m.selfHarmHelp);
  return lines;
}

// Default look, at zero specificity (:where) so that any page CSS overrides it.
// A constructed stylesheet is not inline style, so a strict page CSP does not block it.
const DEFAULT_CSS = `
:where(.saring-layer) { color: transparent; }
:where(.saring-layer mark.saring-hit) {
  color: transparent; background: rgba(220, 38, 38, .22); border-radius: 2px;
  box-shadow: inset 0 -2px 0 rgba(220, 38, 38, .9);
}
:where(.saring-layer mark.saring-hit[data-action="warn"]) {
  background: rgba(217, 119, 6, .22); box-shadow: inset 0 -2px 0 rgba(217, 119, 6, .9);
}
:where(.saring-layer mark.saring-hit[data-action="allow"]) {
  background: rgba(37, 99, 235, .12); box-shadow: inset 0 -1px 0 rgba(37, 99, 235, .6);
}
:where(.saring-status[data-action="block"]) { color: #b91c1c; }
:where(.saring-status[data-action="warn"]) { color: #b45309; }
`;
const cssInstalled = new WeakSet();
// `root` is the field's document, or the shadow root it lives in (document CSS stops there).
function installDefaultCss(doc, root = doc) {
  if (cssInstalled.has(root)) return;
  cssInstalled.add(root);
  try {
    const sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(DEFAULT_CSS);
    root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
  } catch {
    /* old browser: the page's own CSS styles the marks */
  }
}

// Properties the mirror copies so its text wraps exactly like the field's.
const MIRRORED = [
  "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontStretch", "fontVariant",
  "fontKerning", "fontFeatureSettings", "fontVariationSettings", "lineHeight", "letterSpacing",
  "wordSpacing", "textTransform", "textIndent", "textAlign", "tabSize", "direction",
  "writingMode", "textRendering", "hyphens", "paddingTop", "paddingRight", "paddingBottom",
  "paddingLeft",
];

function isTextControl(el) {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement &&
    ["text", "search", "url", "email", "tel", ""].includes(el.type);
}

// ---------------------------------------------------------------------------------------------
// contenteditable text: block boundaries and <br> become "\n"; `map` ties each run of text to
// its DOM text node so that UTF-16 offsets can be turned into DOM ranges.
const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV",
  "OL", "P", "PRE", "SECTION", "TABLE", "TR", "UL",
]);

function readEditable(root) {
  let text = "";
  const map = []; // { node, start } in text order
  const newline = () => {
    if (text.length && !text.endsWith("\n")) text += "\n";
  };
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === Node.TEXT_NODE) {
        map.push({ node: c, start: text.length });
        text += c.data;
      } else if (c.nodeType === Node.ELEMENT_NODE) {
        if (c.tagName === "BR") {
          text += "\n";
        } else if (BLOCKS.has(c.tagName)) {
          newline();
          walk(c);
          newline();
        } else {
          walk(c);
        }
      }
    }
  };
  walk(root);
  return { text, map };
}

function domPoint(map, offset, preferEnd) {
  // Last run starting at or before offset (binary search).
  let lo = 0;
  let hi = map.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return map.length ? { node: map[0].node, offset: 0 } : null;
  let run = map[best];
  // An end offset exactly at a run start belongs to the end of the previous run.
  if (preferEnd && offset === run.start && best > 0) run = map[best - 1];
  return { node: run.node, offset: Math.min(offset - run.start, run.node.data.length) };
}

// ---------------------------------------------------------------------------------------------

/**
 * Attaches the guard to `field` and returns a handle:
 * `{ check(), setFilter(filter), setLang(lang), verdict, text, detach() }`.
 *
 * options: `filter` (required; anything with `check(text)`, which returns the verdict or a
 * Promise of it), `lang` ("id" | "en"), `status` (an element for the aria-live region; created
 * after the field when absent), `enterToSend` (default: true for inputs and contenteditables,
 * false for textareas), `onVerdict(detail)`, `listen` (default true; false leaves the window's
 * submit/keydown/reset events to the caller, who passes them to the handle's `gate(event)` —
 * the extension does, from listeners it registered before any page script ran).
 */
export function attachGuard(field, options = {}) {
  const editable = !isTextControl(field);
  if (editable && !field.isContentEditable) {
    throw new TypeError("attachGuard: expected a textarea, a text input or a contenteditable element");
  }
  if (!options.filter || typeof options.filter.check !== "function") {
    throw new TypeError("attachGuard: options.filter must have a check(text) method");
  }
  const doc = field.ownerDocument;
  const win = doc.defaultView;
  const root = field.getRootNode();
  installDefaultCss(doc, root instanceof win.ShadowRoot ? root : doc);

  let filter = options.filter;
  let lang = options.lang;
  const enterToSend = options.enterToSend ?? !(field instanceof HTMLTextAreaElement);
  let verdict = { action: "allow", matches: [] };
  let checkedText = null;
  let confirmedText = null; // text the user already confirmed once under "warn"
  let composing = false;
  let lastAnnounced = "";
  let asked = 0; // asynchronous filters: the number of the latest question…
  let answered = 0; // …and of the latest answer applied
  let resubmit = null; // { form, submitter }: a submit refused while an answer was outstanding

  // --- the highlight layer ---------------------------------------------------------------
  const layer = doc.createElement("div");
  layer.className = "saring-layer";
  layer.setAttribute("aria-hidden", "true");
  Object.assign(layer.style, {
    position: "absolute", left: "0px", top: "0px", margin: "0", border: "0",
    boxSizing: "border-box", overflow: "hidden", pointerEvents: "none",
    background: "transparent", userSelect: "none",
  });
  const mirror = doc.createElement("div");
  mirror.className = "saring-mirror";
  Object.assign(mirror.style, {
    margin: "0", padding: "0", border: "0", willChange: "transform", color: "transparent",
    whiteSpace: field instanceof HTMLInputElement ? "pre" : "pre-wrap",
    overflowWrap: "break-word", wordBreak: "normal",
  });
  layer.append(mirror);
  field.after(layer);

  // --- the aria-live status region -----------------------------------------------------------
  let status = options.status;
  const ownStatus = !status;
  if (ownStatus) {
    status = doc.createElement("div");
    layer.after(status);
  }
  status.classList.add("saring-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const statusSummary = doc.createElement("p");
  statusSummary.className = "saring-summary";
  const statusReasons = doc.createElement("ul");
  statusReasons.className = "saring-reasons";
  status.replaceChildren(statusSummary, statusReasons);
  if (!status.id) status.id = `saring-status-${Math.random().toString(36).slice(2, 9)}`;
  const describedBy = field.getAttribute("aria-describedby");
  field.setAttribute("aria-describedby", [describedBy, status.id].filter(Boolean).join(" "));

  const readText = () => (editable ? readEditable(field).text : field.value);

  // Copies the field's text metrics to the mirror: on attach, resize and font loads only.
  function restyle() {
    if (!field.isConnected || editable) return;
    const cs = win.getComputedStyle(field);
    for (const p of MIRRORED) mirror.style[p] = cs[p];
    mirror.style.padding = "0";
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      layer.style[`padding${side}`] = cs[`padding${side}`];
    }
    if (field instanceof HTMLInputElement) {
      // A single line, vertically centred in the content box like the input's own text.
      const inner = field.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
      mirror.style.lineHeight = `${Math.max(inner, 0)}px`;
    }
  }

  // Lays the layer over the field's padding box, whatever the containing block.
  function place() {
    if (!field.isConnected) return;
    const cs = win.getComputedStyle(field);
    layer.style.width = `${field.clientWidth}px`;
    layer.style.height = `${field.clientHeight}px`;
    layer.style.zIndex = cs.zIndex === "auto" ? "" : cs.zIndex;
    layer.style.display = cs.display === "none" ? "none" : "block";
    const fr = field.getBoundingClientRect();
    const lr = layer.getBoundingClientRect();
    const dx = fr.left + field.clientLeft - lr.left;
    const dy = fr.top + field.clientTop - lr.top;
    if (Math.abs(dx) > 0.01) layer.style.left = `${parseFloat(layer.style.left) + dx}px`;
    if (Math.abs(dy) > 0.01) layer.style.top = `${parseFloat(layer.style.top) + dy}px`;
  }

  // The page may move the field at any time (a banner above it, a growing textarea): after
  // each check the layer is re-placed once per frame, off the keystroke's critical path.
  let placePending = false;
  function schedulePlace() {
    if (placePending) return;
    placePending = true;
    win.requestAnimationFrame(() => {
      placePending = false;
      place();
      syncScroll();
    });
  }

  function syncScroll() {
    if (editable) return renderEditable();
    mirror.style.transform = `translate(${-field.scrollLeft}px, ${-field.scrollTop}px)`;
  }

  function markFor(hit, text) {
    const mark = doc.createElement("mark");
    mark.className = "saring-hit";
    mark.dataset.category = hit.category;
    mark.dataset.severity = String(hit.severity);
    mark.dataset.term = hit.term;
    mark.dataset.action = verdict.action;
    mark.textContent = text; // text only — never HTML
    return mark;
  }

  // textarea / input: the mirror holds the whole text, hits wrapped in <mark>.
  function renderControl(text) {
    const frag = doc.createDocumentFragment();
    let at = 0;
    for (const hit of verdict.matches) {
      if (hit.start < at) continue; // overlapping hits: the first one is drawn
      if (hit.start > at) frag.append(text.slice(at, hit.start));
      frag.append(markFor(hit, text.slice(hit.start, hit.end)));
      at = hit.end;
    }
    // The trailing zero-width space keeps a final empty line as tall as the field's.
    frag.append(text.slice(at) + "\u200b");
    mirror.replaceChildren(frag);
    // Scroll offsets are synced in the next frame (reading them now would force a layout on
    // every keystroke); a real scroll fires a "scroll" event, which syncs at once.
  }

  // contenteditable: marks are boxes placed over the DOM ranges of the hits.
  function renderEditable() {
    const { text, map } = readEditable(field);
    const lr = layer.getBoundingClientRect();
    const frag = doc.createDocumentFragment();
    for (const hit of verdict.matches) {
      const a = domPoint(map, hit.start, false);
      const b = domPoint(map, hit.end, true);
      if (!a || !b) continue;
      const range = doc.createRange();
      try {
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
      } catch {
        continue;
      }
      let first = true;
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        const mark = markFor(hit, first ? text.slice(hit.start, hit.end) : "");
        if (!first) mark.classList.add("saring-cont");
        first = false;
        Object.assign(mark.style, {
          position: "absolute", left: `${r.left - lr.left}px`, top: `${r.top - lr.top}px`,
          width: `${r.width}px`, height: `${r.height}px`, overflow: "hidden",
          whiteSpace: "pre", padding: "0", margin: "0", font: "inherit",
        });
        frag.append(mark);
      }
    }
    mirror.replaceChildren(frag);
  }

  function announce(text) {
    const m = MESSAGES[pickLang(lang)];
    const lines = verdict.action === "allow" ? [] : describe(verdict, text, lang);
    const summary = text.length === 0 ? "" : m[verdict.action];
    const key = `${summary}\u0000${lines.join("\u0000")}`;
    if (key === lastAnnounced) return;
    lastAnnounced = key;
    status.dataset.action = verdict.action;
    statusSummary.textContent = summary;
    statusReasons.replaceChildren(
      ...lines.map((line) => {
        const li = doc.createElement("li");
        li.textContent = line;
        return li;
      }),
    );
  }

  // A filter that fails must not let text through silently.
  const failed = (e) => ({ action: "block", matches: [], error: String(e?.message ?? e) });

  /** Checks the current text now; returns the verdict (a Promise of it for an async filter). */
  function check() {
    const text = readText();
    const t0 = performance.now();
    let v;
    try {
      v = filter.check(text);
    } catch (e) {
      v = failed(e);
    }
    if (v && typeof v.then === "function") {
      const n = ++asked;
      return Promise.resolve(v).then(
        (answer) => settle(n, text, answer, t0),
        (e) => settle(n, text, failed(e), t0),
      );
    }
    answered = ++asked; // a synchronous answer supersedes any outstanding one
    if (resubmit && resubmit.text !== text) resubmit = null;
    return apply(text, v, t0);
  }

  function settle(n, text, answer, t0) {
    if (n !== asked) return verdict; // the text changed meanwhile: a newer answer is coming
    answered = n;
    const applied = apply(text, answer ?? failed("no verdict"), t0);
    const again = resubmit;
    resubmit = null;
    // Sent again only if the text is still the one the user tried to send.
    if (again && again.text === text && applied.action !== "block" && again.form.isConnected) {
      again.form.requestSubmit(again.submitter?.form === again.form ? again.submitter : undefined);
    }
    return applied;
  }

  function apply(text, v, t0) {
    const t1 = performance.now();
    verdict = { action: ACTIONS.includes(v.action) ? v.action : "block", matches: v.matches ?? [] };
    if (text !== checkedText) confirmedText = null;
    checkedText = text;
    field.dataset.saringAction = verdict.action;
    if (verdict.action === "block") field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    if (editable) renderEditable();
    else renderControl(text);
    announce(text);
    schedulePlace();
    const t2 = performance.now();
    const detail = { ...verdict, text, checkMs: t1 - t0, renderMs: t2 - t1 };
    options.onVerdict?.(detail);
    field.dispatchEvent(new CustomEvent("saring:verdict", { detail }));
    return verdict;
  }

  /** Decides whether a send attempt may go through; shows the reasons when not. */
  function mayGo(e) {
    const text = readText();
    if (text !== checkedText && answered === asked) check();
    if (answered !== asked) {
      // An asynchronous answer is outstanding: refuse now; a submit goes again once it allows.
      if (e?.type === "submit") resubmit = { form: e.target, submitter: e.submitter, text };
      else if (field instanceof HTMLInputElement && form()) resubmit = { form: form(), submitter: null, text };
      return false;
    }
    const m = MESSAGES[pickLang(lang)];
    if (verdict.action === "block") {
      lastAnnounced = "";
      announce(text);
      statusSummary.textContent = m.refused;
      lastAnnounced = "";
      field.focus();
      return false;
    }
    if (verdict.action === "warn" && confirmedText !== text) {
      confirmedText = text;
      lastAnnounced = "";
      announce(text);
      statusSummary.textContent = m.confirm;
      lastAnnounced = "";
      field.focus();
      return false;
    }
    return true;
  }

  // --- events ------------------------------------------------------------------------------
  const form = () => field.form ?? field.closest("form");
  const onInput = (e) => {
    if (composing || e.isComposing) return;
    check();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    check();
  };
  const onSubmit = (e) => {
    if (e.target !== form()) return;
    if (!mayGo(e)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  const onKeyDown = (e) => {
    if (e.key !== "Enter" || e.shiftKey || e.isComposing || composing) return;
    if (e.target !== field && !field.contains(e.target)) return;
    if (!enterToSend && !(field instanceof HTMLInputElement)) return;
    if (!mayGo(e)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };
  const onReset = (e) => {
    if (e.target === form()) setTimeout(check, 0);
  };
  const onWindowResize = () => schedulePlace();
  const resizeObserver = new win.ResizeObserver(() => {
    restyle();
    place();
    if (editable) renderEditable();
  });

  field.addEventListener("input", onInput);
  field.addEventListener("compositionstart", onCompositionStart);
  field.addEventListener("compositionend", onCompositionEnd);
  field.addEventListener("scroll", syncScroll, { passive: true });
  // Capture on window runs before any handler the page put on its form or field.
  const listen = options.listen !== false;
  if (listen) {
    win.addEventListener("submit", onSubmit, true);
    win.addEventListener("keydown", onKeyDown, true);
    win.addEventListener("reset", onReset, true);
  }
  win.addEventListener("resize", onWindowResize);
  resizeObserver.observe(field);
  doc.fonts?.ready.then(() => {
    restyle();
    schedulePlace();
  });

  restyle();
  place();
  check();

  return {
    check,
    get verdict() {
      return verdict;
    },
    get text() {
      return readText();
    },
    /** With `listen: false`: hands the window's submit, keydown or reset event to the guard. */
    gate(e) {
      if (e.type === "submit") onSubmit(e);
      else if (e.type === "keydown") onKeyDown(e);
      else if (e.type === "reset") onReset(e);
    },
    /** Swaps the filter (e.g. another profile) and checks again. */
    setFilter(next) {
      if (!next || typeof next.check !== "function") throw new TypeError("setFilter: expected a filter");
      filter = next;
      lastAnnounced = "";
      return check();
    },
    setLang(next) {
      lang = next;
      lastAnnounced = "";
      return check();
    },
    detach() {
      field.removeEventListener("input", onInput);
      field.removeEventListener("compositionstart", onCompositionStart);
      field.removeEventListener("compositionend", onCompositionEnd);
      field.removeEventListener("scroll", syncScroll);
      if (listen) {
        win.removeEventListener("submit", onSubmit, true);
        win.removeEventListener("keydown", onKeyDown, true);
        win.removeEventListener("reset", onReset, true);
      }
      win.removeEventListener("resize", onWindowResize);
      resizeObserver.disconnect();
      layer.remove();
      if (ownStatus) status.remove();
      delete field.dataset.saringAction;
      field.removeAttribute("aria-invalid");
      field.setAttribute(
        "aria-describedby",
        (field.getAttribute("aria-describedby") ?? "").split(" ").filter((s) => s && s !== status.id).join(" "),
      );
    },
  };
}
