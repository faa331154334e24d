// saring input guard — screens a textarea, text input or contenteditable as the user types.
//
//   import { attachGuard } from "./guard.js";
//   const guard = attachGuard(textarea, { filter });   // filter: a saring `Filter` (or
//                                                      // anything with check(text))
//
// DOM contract (README.md, "The input guard"; SECURITY.md for the extension):
//   - after every edit (typing, paste, cut, drop, undo/redo; IME compositions are checked
//     when they end) the field gets data-saring-action="allow|warn|block";
//   - each hit is drawn as <mark class="saring-hit" data-category="…"> in a highlight layer
//     (div.saring-layer, aria-hidden) over the field. The layer mirrors the field's text with
//     text nodes only — user text never goes through innerHTML — and never changes the field
//     (nor a rich editor's DOM, model, undo history or caret);
//   - while the action is "block" every way of sending is refused and the reasons are shown:
//     the enclosing form's submit, Enter-to-send (keydown, keyup and a rich editor's
//     beforeinput insertParagraph), and the composer's send controls — pointerdown, mousedown,
//     pointerup, mouseup, click, touchend and Enter/Space on a button, [role=button], submit
//     input or clickable element in the same composer that is labelled as a send control
//     (Kirim, Posting, Bagikan, Balas, Komentar, Send, Post, Share, Reply, Comment, Tweet, …)
//     or is an unlabelled icon after the field, plus whatever `sendControls` names. "warn"
//     asks once (the second attempt with the same text goes through);
//   - an aria-live region (div.saring-status) announces the verdict in human sentences, in
//     Indonesian or English (options.lang, else the page's <html lang>);
//   - every check dispatches a "saring:verdict" CustomEvent on the field
//     (detail: { action, matches, text, checkMs, renderMs }); every refused send dispatches
//     "saring:refused" (detail: { reason: "block" | "warn" | "too-long" }).
//
// Fail closed: the filter's check(text) may return a Promise of the verdict (the browser
// extension asks its service worker). A send of non-empty text whose verdict is not known yet
// is held — its events are stopped — and when the answer comes it is replayed (allow, or a
// confirmed warn) or refused. It is never let through unchecked. A late answer for text that
// has changed since is dropped. Text longer than `maxLength` (default 50,000 UTF-16 units) is
// not checked at all: it is `block`, with a message saying why.
//
// Listeners run in the capture phase on the field's window (and on its same-origin parent
// windows, for a field inside an iframe whose send button is outside), and read
// composedPath(), so controls inside open shadow roots are seen. What cannot be guarded:
// fields in closed shadow roots and cross-origin frames, and apps that send every keystroke
// as it is typed (see SECURITY.md).
//
// No dependencies, no network, no bundler: a plain ES module shared by the demo page and the
// browser extension (whose build turns it into a classic content script).

const ACTIONS = ["allow", "warn", "block"];

/** The longest text checked per field, in UTF-16 code units; longer text is `block`. */
export const DEFAULT_MAX_LENGTH = 50_000;

export const MESSAGES = {
  id: {
    allow: "Aman untuk dikirim.",
    warn: "Periksa lagi sebelum mengirim.",
    block: "Tidak bisa dikirim.",
    refused: "Tidak bisa dikirim. Ubah bagian yang ditandai dulu.",
    confirm: "Yakin mau mengirim? Tekan kirim sekali lagi untuk tetap mengirim.",
    checking: "Sedang diperiksa… pesan dikirim begitu pemeriksaan selesai.",
    tooLong: (n) => `Teks terlalu panjang untuk diperiksa (lebih dari ${n.toLocaleString("id")} karakter). Persingkat dulu.`,
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
    checking: "Checking… it is sent as soon as the check is done.",
    tooLong: (n) => `Too long to check (over ${n.toLocaleString("en")} characters). Shorten it first.`,
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
// Send controls: which clicks, taps and key presses would send a field's text.

// Words that label a send control, Indonesian and English (whole words, any case).
const SEND_WORDS = /(?:^|[^\p{L}])(kirim|kirimkan|posting|postingan|post|unggah|bagikan|balas|balaskan|komentar|komentari|tanggapi|terbitkan|publikasikan|send|submit|share|reply|respond|comment|tweet|publish|upload)(?:$|[^\p{L}])/iu;
// Hints (ids, classes, test ids) of ordinary controls found next to a field.
const ORDINARY_HINTS = /(?:^|[^\p{L}])(bold|italic|underline|strike|tebal|miring|emoji|emot|gif|sticker|stiker|attach|lampir|image|gambar|foto|photo|video|camera|kamera|mic|voice|suara|mention|hashtag|format|toolbar|link|tautan|cancel|batal|close|tutup|clear|hapus|delete|more|lainnya|menu|option|setting|help|bantuan|expand|toggle)(?:$|[^\p{L}])/iu;
const NOT_SEND_ROLES = new Set([
  "checkbox", "switch", "tab", "menuitemcheckbox", "menuitemradio", "option", "radio", "combobox",
  "slider", "link", "textbox", "listbox", "spinbutton",
]);
const CONTROL_SELECTOR =
  'button, input[type="submit"], input[type="button"], input[type="image"], [role="button"], a[href], summary, [onclick]';
const FIELD_SELECTOR = 'textarea, input:not([type]), input[type="text"], input[type="search"], [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

/** The parent of a node across shadow boundaries (a shadow root's host), or null. */
function composedParent(n) {
  return n.parentNode ?? n.host ?? null;
}

function composedContains(ancestor, node) {
  for (let n = node; n; n = composedParent(n)) if (n === ancestor) return true;
  return false;
}

function closestComposed(node, selector) {
  for (let n = node; n; n = composedParent(n)) if (n.nodeType === 1 && n.matches(selector)) return n;
  return null;
}

/** `field`, or the iframe holding it, as an element of `doc` (null across origins). */
function anchorIn(field, doc) {
  let el = field;
  try {
    while (el && el.ownerDocument !== doc) el = el.ownerDocument.defaultView.frameElement;
  } catch {
    return null;
  }
  return el;
}

/** The lowest common ancestor of two nodes, across shadow boundaries, and the two children of it. */
function commonAncestor(a, b) {
  const seen = new Map();
  let prev = null;
  for (let n = a; n; n = composedParent(n)) {
    seen.set(n, prev);
    prev = n;
  }
  prev = null;
  for (let n = b; n; n = composedParent(n)) {
    if (seen.has(n)) return { node: n, a: seen.get(n), b: prev };
    prev = n;
  }
  return null;
}

function isEditing(el) {
  return el.isContentEditable || isTextControl(el) || el.localName === "select";
}

/**
 * The control an event is aimed at: the first button-like element on its composed path, or
 * the outermost element of a run with `cursor: pointer` (a div or span "button"); null for
 * clicks into a field or editor.
 */
function controlOnPath(path) {
  let pointer = null;
  for (const n of path) {
    if (n.nodeType !== 1) {
      if (n.nodeType === 11) continue; // a shadow root: go on to its host
      break; // the document or the window
    }
    if (isEditing(n)) return null;
    if (n.matches(CONTROL_SELECTOR) || (n.hasAttribute("tabindex") && n.tabIndex >= 0)) return n;
    if (n.localName === "body" || n.localName === "html") break;
    let cursor = "";
    try {
      cursor = n.ownerDocument.defaultView.getComputedStyle(n).cursor;
    } catch {
      /* detached */
    }
    if (cursor === "pointer") pointer = n;
    else if (pointer) return pointer;
  }
  return pointer;
}

function words(s) {
  return String(s ?? "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_\-./:#]+/g, " ");
}

/** What a control says it does: its accessible name, title, value or (short) text. */
function labelOf(el) {
  const parts = [el.getAttribute("aria-label"), el.getAttribute("title")];
  const by = el.getAttribute("aria-labelledby");
  if (by) {
    const root = el.getRootNode();
    for (const id of by.split(/\s+/)) parts.push(root.getElementById?.(id)?.textContent);
  }
  if (el.localName === "input") parts.push(el.value, el.getAttribute("alt"));
  const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  if (text.length <= 40) parts.push(text);
  for (const img of el.querySelectorAll("img[alt], [aria-label]")) {
    parts.push(img.getAttribute("alt") ?? img.getAttribute("aria-label"));
  }
  return parts.filter(Boolean).join(" ").trim();
}

function hintsOf(el) {
  return words([el.id, el.getAttribute("class"), el.getAttribute("data-testid"), el.getAttribute("name"),
    el.getAttribute("data-action")].filter(Boolean).join(" "));
}

/** The composer holding `anchor` and `control`: their form, dialog or nearest common ancestor. */
function composerOf(anchor, control) {
  const common = commonAncestor(anchor, control);
  if (!common) return null;
  const c = common.node;
  // A shadow root counts as a container: a custom element's composer lives in one.
  if ((c.nodeType === 1 && c.localName !== "body" && c.localName !== "html") || c.nodeType === 11) {
    // A composer holds a field or three (subject and body); a region with more is a page.
    if (c.localName === "form" || c.querySelectorAll(FIELD_SELECTOR).length <= 3) return common;
  }
  const dialog = closestComposed(anchor, 'dialog, [role="dialog"], [aria-modal="true"]');
  if (dialog && composedContains(dialog, control)) return common;
  return null;
}

/**
 * Whether `control` sends what is typed in `field`: a submit button of the field's form, or a
 * control of the same composer that is labelled as a send control, or an unlabelled control
 * (an icon) after the field.
 */
function sendsField(control, field) {
  const anchor = anchorIn(field, control.ownerDocument);
  if (!anchor || composedContains(anchor, control)) return false;
  const role = control.getAttribute("role");
  if (control.localName === "a" && role !== "button") return false;
  if (control.hasAttribute("aria-pressed") || NOT_SEND_ROLES.has(role)) return false;
  if (control.disabled) return false;
  const form = anchor.form ?? closestComposed(anchor, "form");
  const submit = (control.localName === "button" && control.type === "submit") ||
    (control.localName === "input" && (control.type === "submit" || control.type === "image"));
  if (submit && form && (control.form === form || composedContains(form, control))) return true;
  const composer = composerOf(anchor, control);
  if (!composer) return false;
  const label = labelOf(control);
  if (label) return SEND_WORDS.test(label) || (SEND_WORDS.test(hintsOf(control)) && !ORDINARY_HINTS.test(label));
  const hints = hintsOf(control);
  if (SEND_WORDS.test(hints)) return true;
  if (ORDINARY_HINTS.test(hints)) return false;
  // An unlabelled icon (the paper plane) after the field in the composer.
  const { a, b } = composer;
  if (!a || !b) return false;
  if (a.getRootNode() !== b.getRootNode()) return true;
  return !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** A fresh copy of a held event, to dispatch again once the verdict lets it through. */
function copyEvent(e, win) {
  const base = { bubbles: e.bubbles, cancelable: e.cancelable, composed: e.composed };
  const mods = { ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, altKey: e.altKey, metaKey: e.metaKey };
  const mouse = {
    ...base, ...mods, view: win, detail: e.detail, screenX: e.screenX, screenY: e.screenY,
    clientX: e.clientX, clientY: e.clientY, button: e.button, buttons: e.buttons,
  };
  try {
    if (e.type.startsWith("pointer")) {
      return new win.PointerEvent(e.type, {
        ...mouse, pointerId: e.pointerId, pointerType: e.pointerType, isPrimary: e.isPrimary,
        width: e.width, height: e.height, pressure: e.pressure,
      });
    }
    if (e.type.startsWith("mouse") || e.type === "click") return new win.MouseEvent(e.type, mouse);
    if (e.type.startsWith("key")) {
      return new win.KeyboardEvent(e.type, {
        ...base, ...mods, view: win, key: e.key, code: e.code, location: e.location, repeat: e.repeat,
        // Editors built before `key` existed (Draft.js) still read the legacy codes.
        keyCode: e.keyCode, charCode: e.charCode, which: e.which,
      });
    }
    if (e.type === "beforeinput") {
      return new win.InputEvent(e.type, { ...base, inputType: e.inputType, data: e.data });
    }
    if (e.type.startsWith("touch")) {
      const list = (l) => Array.from(l ?? [], (t) => new win.Touch({
        identifier: t.identifier, target: t.target, clientX: t.clientX, clientY: t.clientY,
        screenX: t.screenX, screenY: t.screenY, pageX: t.pageX, pageY: t.pageY,
      }));
      return new win.TouchEvent(e.type, {
        ...base, ...mods, view: win, touches: list(e.touches), targetTouches: list(e.targetTouches),
        changedTouches: list(e.changedTouches),
      });
    }
  } catch {
    /* fall through to a plain event */
  }
  return new win.Event(e.type, base);
}

const GATED = ["pointerdown", "mousedown", "pointerup", "mouseup", "click", "touchend", "keydown",
  "keyup", "beforeinput", "submit", "reset"];

// ---------------------------------------------------------------------------------------------

/**
 * Attaches the guard to `field` and returns a handle:
 * `{ check(), mayPost(), setFilter(filter), setLang(lang), verdict, text, gate(event), detach() }`.
 *
 * options:
 * - `filter` (required): anything with `check(text)`, which returns the verdict or a Promise of it;
 * - `lang` ("id" | "en"); `status` (an element for the aria-live region; created after the
 *   field when absent); `onVerdict(detail)`; `onRefuse({ reason })`;
 * - `enterToSend`: Enter sends (default: true for inputs and contenteditables, false for
 *   textareas);
 * - `sendControls`: elements (an array or NodeList) or a CSS selector naming the controls that
 *   send this field, in addition to those recognised in its composer;
 * - `maxLength`: the longest text checked (default 50,000); longer text is `block`;
 * - `listen` (default true): false leaves the window's events to the caller, who passes them
 *   to `gate(event)` — the extension does, from listeners registered before any page script;
 * - for hostile pages (the extension): `overlayRoot` (a node, e.g. a closed shadow root, that
 *   holds the highlight layer and the status; the field then gets no attribute and no event),
 *   `trustedOnly` (only the user's own input and gestures are checked and gated: text a page
 *   writes itself is checked when the user tries to send it), `checkOnAttach` (default true).
 *
 * `mayPost()` is for apps that send from code: it resolves to true when the current text may
 * be sent (waiting for an outstanding verdict), and to false — with the reasons shown — when
 * it is refused.
 */
export function attachGuard(field, options = {}) {
  const editable = !isTextControl(field);
  if (editable && !field.isContentEditable) {
    throw new TypeError("attachGuard: expected a textarea, a text input or a contenteditable element");
  }
  if (!options.filter || typeof options.filter.check !== "function") {
    throw new TypeError("attachGuard: options.filter must have a check(text) method");
  }
  const sc = options.sendControls;
  if (sc != null && typeof sc !== "string" && typeof sc[Symbol.iterator] !== "function") {
    throw new TypeError("attachGuard: options.sendControls must be a CSS selector or a list of elements");
  }
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new TypeError("attachGuard: options.maxLength must be a positive integer");
  }
  const doc = field.ownerDocument;
  const win = doc.defaultView;
  const overlay = options.overlayRoot ?? null;
  const quiet = !!overlay; // no trace on the page's own elements
  const trustedOnly = !!options.trustedOnly;
  const fieldRoot = field.getRootNode();
  const cssRoot = overlay ? overlay.getRootNode() : fieldRoot;
  installDefaultCss(doc, cssRoot instanceof win.ShadowRoot ? cssRoot : doc);

  let filter = options.filter;
  let lang = options.lang;
  const enterToSend = options.enterToSend ?? !(field instanceof HTMLTextAreaElement);
  let verdict = { action: "allow", matches: [] };
  let checkedText = null;
  let confirmedText = null; // text the user already confirmed once under "warn"
  let notice = null; // { kind: "refused" | "confirm" | "checking", text }: kept until the text changes
  let composing = false;
  let lastAnnounced = "";
  let asked = 0; // asynchronous filters: the number of the latest question…
  let answered = 0; // …and of the latest answer applied
  let askedText = null; // the text of the latest question
  let answer = null; // Promise of the latest answer
  let typed = false; // the user's own input reached the field
  let gesture = null; // { decision: "go" | "refuse" | "hold", open }
  let held = null; // { text, events: [{ event, target }], gesture }
  let userGesture = false; // trustedOnly: inside the task of a trusted gesture
  let userGestureTimer = 0;
  const gated = new WeakSet(); // events already decided (window and shadow-root listeners)
  const replayed = new WeakSet(); // events this guard dispatched again

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
  if (overlay) overlay.append(layer);
  else field.after(layer);

  // --- the aria-live status region -----------------------------------------------------------
  let status = options.status;
  const ownStatus = !status;
  if (ownStatus) {
    status = doc.createElement("div");
    if (overlay) {
      Object.assign(status.style, {
        position: "absolute", left: "0px", top: "0px", maxWidth: "28em", margin: "0",
        padding: "4px 8px", font: "13px/1.35 system-ui, sans-serif", background: "#fff",
        color: "#111", border: "1px solid #d4d4d8", borderRadius: "6px",
        boxShadow: "0 2px 6px rgba(0,0,0,.15)", pointerEvents: "none", display: "none",
      });
      overlay.append(status);
    } else layer.after(status);
  }
  status.classList.add("saring-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const statusSummary = doc.createElement("p");
  statusSummary.className = "saring-summary";
  statusSummary.style.margin = overlay ? "0" : "";
  const statusReasons = doc.createElement("ul");
  statusReasons.className = "saring-reasons";
  if (overlay) Object.assign(statusReasons.style, { margin: "2px 0 0", paddingLeft: "1.2em" });
  status.replaceChildren(statusSummary, statusReasons);
  if (!quiet) {
    if (!status.id) status.id = `saring-status-${Math.random().toString(36).slice(2, 9)}`;
    const describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", [describedBy, status.id].filter(Boolean).join(" "));
  }

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
    if (!overlay) layer.style.zIndex = cs.zIndex === "auto" ? "" : cs.zIndex;
    layer.style.display = cs.display === "none" ? "none" : "block";
    const fr = field.getBoundingClientRect();
    const lr = layer.getBoundingClientRect();
    const dx = fr.left + field.clientLeft - lr.left;
    const dy = fr.top + field.clientTop - lr.top;
    if (Math.abs(dx) > 0.01) layer.style.left = `${parseFloat(layer.style.left) + dx}px`;
    if (Math.abs(dy) > 0.01) layer.style.top = `${parseFloat(layer.style.top) + dy}px`;
    if (overlay && ownStatus) {
      const sr = status.getBoundingClientRect();
      const sx = fr.left - sr.left;
      const sy = fr.bottom + 2 - sr.top;
      if (Math.abs(sx) > 0.01) status.style.left = `${parseFloat(status.style.left) + sx}px`;
      if (Math.abs(sy) > 0.01) status.style.top = `${parseFloat(status.style.top) + sy}px`;
    }
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

  // contenteditable: marks are boxes placed over the DOM ranges of the hits. Ranges are only
  // read: the editor's DOM, selection and undo history are never touched.
  function renderEditable() {
    const { text, map } = readEditable(field);
    const lr = layer.getBoundingClientRect();
    const frag = doc.createDocumentFragment();
    if (text === checkedText) {
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
    }
    mirror.replaceChildren(frag);
  }

  function announce(text) {
    const m = MESSAGES[pickLang(lang)];
    let lines = verdict.action === "allow" ? [] : describe(verdict, text, lang);
    if (verdict.reason === "too-long") lines = [m.tooLong(maxLength)];
    let summary = text.length === 0 ? "" : m[verdict.action];
    if (notice && notice.text === text && text.length) summary = m[notice.kind];
    const key = `${verdict.action}\u0000${summary}\u0000${lines.join("\u0000")}`;
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
    if (overlay && ownStatus) {
      const show = !!summary && (verdict.action !== "allow" || (notice && notice.text === text));
      status.style.display = show ? "block" : "none";
      if (show) schedulePlace();
    }
  }

  // A filter that fails must not let text through silently.
  const failed = (e) => ({ action: "block", matches: [], error: String(e?.message ?? e) });

  /** Checks the current text now; returns the verdict (a Promise of it for an async filter). */
  function check() {
    const text = readText();
    const t0 = performance.now();
    let v;
    if (text.length > maxLength) v = { action: "block", matches: [], reason: "too-long" };
    else {
      try {
        v = filter.check(text);
      } catch (e) {
        v = failed(e);
      }
    }
    if (v && typeof v.then === "function") {
      const n = ++asked;
      askedText = text;
      answer = Promise.resolve(v).then(
        (a) => settle(n, text, a, t0),
        (e) => settle(n, text, failed(e), t0),
      );
      return answer;
    }
    answered = ++asked; // a synchronous answer supersedes any outstanding one
    askedText = text;
    answer = null;
    const out = apply(text, v ?? failed("no verdict"), t0);
    resolveHeld();
    return out;
  }

  function settle(n, text, a, t0) {
    if (n !== asked) return verdict; // the text changed meanwhile: a newer answer is coming
    answered = n;
    const applied = apply(text, a ?? failed("no verdict"), t0);
    resolveHeld();
    return applied;
  }

  function apply(text, v, t0) {
    const t1 = performance.now();
    verdict = { action: ACTIONS.includes(v?.action) ? v.action : "block", matches: v?.matches ?? [] };
    if (v?.reason) verdict.reason = v.reason;
    if (text !== checkedText) confirmedText = null;
    if (notice && notice.text !== text) notice = null;
    checkedText = text;
    if (!quiet) {
      field.dataset.saringAction = verdict.action;
      if (verdict.action === "block") field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }
    if (editable) renderEditable();
    else renderControl(text);
    announce(text);
    schedulePlace();
    const t2 = performance.now();
    const detail = { ...verdict, text, checkMs: t1 - t0, renderMs: t2 - t1 };
    options.onVerdict?.(detail);
    if (!quiet) field.dispatchEvent(new CustomEvent("saring:verdict", { detail }));
    return verdict;
  }

  function say(kind, text) {
    notice = { kind, text };
    lastAnnounced = "";
    announce(text);
  }

  function refused(reason) {
    options.onRefuse?.({ reason });
    if (!quiet) field.dispatchEvent(new CustomEvent("saring:refused", { detail: { reason } }));
  }

  /**
   * What to do with a send attempt of the current text: "go", "refuse" (the reasons are
   * shown) or "hold" (the verdict is not known yet).
   */
  function decide() {
    const text = readText();
    if (!text.trim()) return "go"; // nothing to send
    if (text !== checkedText || answered !== asked) {
      if (!(answered !== asked && askedText === text)) check();
      if (answered !== asked || text !== checkedText) {
        say("checking", text);
        return "hold";
      }
    }
    if (verdict.action === "block") {
      say("refused", text);
      refused(verdict.reason === "too-long" ? "too-long" : "block");
      if (!field.contains(doc.activeElement) && doc.activeElement !== field) field.focus({ preventScroll: true });
      return "refuse";
    }
    if (verdict.action === "warn" && confirmedText !== text) {
      confirmedText = text;
      say("confirm", text);
      refused("warn");
      if (!field.contains(doc.activeElement) && doc.activeElement !== field) field.focus({ preventScroll: true });
      return "refuse";
    }
    return "go";
  }

  // An answer came: a held send is replayed or refused.
  function resolveHeld() {
    const h = held;
    if (!h) return;
    held = null;
    if (h.text !== readText()) {
      // Edited meanwhile: the held send is dropped; a new attempt is checked again.
      if (h.gesture === gesture) gesture.decision = "refuse";
      if (notice?.kind === "checking") notice = null;
      return announce(readText());
    }
    const d = decide();
    if (d === "hold") {
      held = h; // still not known (a newer question is out)
      return;
    }
    if (h.gesture === gesture && gesture) gesture.decision = d;
    if (d !== "go") return;
    if (notice?.kind === "checking") {
      notice = null;
      lastAnnounced = "";
      announce(h.text);
    }
    for (const { event, target } of h.events) {
      if (event.type === "submit") {
        if (target.isConnected) target.requestSubmit(event.submitter?.form === target ? event.submitter : undefined);
        continue;
      }
      const w = target.ownerDocument?.defaultView ?? win;
      const copy = copyEvent(event, w);
      replayed.add(copy);
      if (!target.isConnected) continue;
      target.dispatchEvent(copy);
      if (copy.defaultPrevented || event.type !== "keydown" || event.key !== "Enter") continue;
      // Enter that the page left alone: do what the key would have done — the beforeinput a
      // rich editor sends from, then the line break itself.
      if (field instanceof HTMLInputElement) {
        form()?.requestSubmit();
        continue;
      }
      const inputType = editable ? "insertParagraph" : "insertLineBreak";
      const before = new w.InputEvent("beforeinput", { bubbles: true, cancelable: true, composed: true, inputType });
      replayed.add(before);
      target.dispatchEvent(before);
      if (before.defaultPrevented) continue;
      if (doc.activeElement === field || field.contains(doc.activeElement)) {
        doc.execCommand(editable ? "insertParagraph" : "insertText", false, editable ? undefined : "\n");
      }
    }
  }

  // --- events ------------------------------------------------------------------------------
  const form = () => field.form ?? closestComposed(field, "form");
  const explicitControl = (path) => {
    if (sc == null) return null;
    for (const n of path) {
      if (n.nodeType !== 1) continue;
      if (typeof sc === "string" ? n.matches(sc) : Array.prototype.includes.call(sc, n)) return n;
    }
    return null;
  };
  const inField = (path) => path.includes(field);

  /** Whether `e` would send this field's text. */
  function isSend(e) {
    const t = e.type;
    if (t === "submit") return e.target === form();
    const path = e.composedPath();
    if (t === "keydown" || t === "keyup" || t === "beforeinput") {
      if (e.isComposing || composing || e.keyCode === 229) return false;
      if (inField(path)) {
        if (!enterToSend && !(field instanceof HTMLInputElement)) return false;
        if (t === "beforeinput") return e.inputType === "insertParagraph" || e.inputType === "insertLineBreak";
        return e.key === "Enter" && !e.shiftKey;
      }
      if (t === "beforeinput" || !(e.key === "Enter" || e.key === " " || e.key === "Spacebar")) return false;
    } else if ((t === "pointerdown" || t.startsWith("mouse") || t === "click" || t === "pointerup") && e.button > 0) {
      return false;
    }
    if (explicitControl(path)) return true;
    const control = controlOnPath(path);
    return !!control && sendsField(control, field);
  }

  const PREVENT = new Set(["click", "keydown", "keyup", "beforeinput", "submit", "mousedown", "mouseup"]);

  /** Decides one event of the window (or a shadow root); stops it when the send is refused. */
  function gate(e) {
    if (e.type === "reset") {
      if (e.target === form()) setTimeout(check, 0);
      return;
    }
    // An event can reach the guard twice (the window, then the shadow root it comes from,
    // where its path is complete): it is decided once, by the first call that sees a send.
    if (gated.has(e) || replayed.has(e)) return;
    const t = e.type;
    if (trustedOnly) {
      if (!e.isTrusted) return;
      // A submit counts as the user's only during the task of a gesture of theirs (a click,
      // Enter): one the page's own code makes later is its own business, not a probe.
      if (t !== "submit") {
        userGesture = true;
        clearTimeout(userGestureTimer);
        userGestureTimer = setTimeout(() => (userGesture = false), 0);
      } else if (!userGesture) return;
    }
    if (!field.isConnected) return;
    const starts = t === "pointerdown" || t === "keydown" || !gesture || !gesture.open;
    // An empty field sends nothing: no need to look at the event.
    const empty = !(editable ? field.textContent : field.value).trim();
    if (starts && (empty || !isSend(e))) {
      if (t === "pointerdown" || t === "keydown") gesture = null;
      return;
    }
    // The rest of a gesture that began on a send control follows its decision wherever it
    // lands (the layout may have moved under the pointer: the click then goes to a container).
    gated.add(e);
    if (starts) {
      gesture = {
        decision: decide(), open: t !== "click" && t !== "submit", events: new Set(),
        target: t === "submit" ? e.target : e.composedPath()[0],
      };
    }
    gesture.events.add(t);
    if (t === "click" || t === "keyup") gesture.open = false;
    if (gesture.decision === "go") return;
    if (gesture.decision === "hold") {
      // Replayed where the gesture began (a submit: on its form).
      const target = t === "submit" ? e.target : gesture.target;
      if (!held || held.gesture !== gesture) held = { text: readText(), events: [], gesture };
      held.events.push({ event: e, target });
    }
    if (PREVENT.has(t) && e.cancelable) e.preventDefault();
    e.stopImmediatePropagation();
  }

  const onInput = (e) => {
    if (trustedOnly && !e.isTrusted) return;
    typed = true;
    if (composing || e.isComposing) return;
    check();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = (e) => {
    composing = false;
    if (trustedOnly && !e.isTrusted) return;
    check();
  };
  const onWindowResize = () => schedulePlace();
  const onScroll = (e) => {
    if (e.target === field) syncScroll();
    else if (overlay) schedulePlace();
  };
  const resizeObserver = new win.ResizeObserver(() => {
    restyle();
    place();
    if (editable) renderEditable();
  });

  field.addEventListener("input", onInput);
  field.addEventListener("compositionstart", onCompositionStart);
  field.addEventListener("compositionend", onCompositionEnd);
  doc.addEventListener("scroll", onScroll, { capture: true, passive: true });
  // Capture on the window runs before any handler the page put on its composer. A field in a
  // same-origin iframe may be sent by a button of the parent page: those windows are gated too.
  const listen = options.listen !== false;
  const windows = [];
  if (listen) windows.push(win);
  for (let w = win; w !== w.parent; ) {
    try {
      w = w.parent;
      void w.document; // throws across origins
      windows.push(w);
    } catch {
      break;
    }
  }
  for (const w of windows) for (const type of GATED) w.addEventListener(type, gate, true);
  // A submit inside a shadow root does not reach the window (it is not composed).
  if (listen && fieldRoot instanceof win.ShadowRoot) fieldRoot.addEventListener("submit", gate, true);
  win.addEventListener("resize", onWindowResize);
  resizeObserver.observe(field);
  doc.fonts?.ready.then(() => {
    restyle();
    schedulePlace();
  });

  restyle();
  place();
  if (options.checkOnAttach ?? true) check();

  return {
    check,
    get verdict() {
      return verdict;
    },
    get text() {
      return readText();
    },
    /** Whether the user's own input has reached the field. */
    get typed() {
      return typed;
    },
    /** With `listen: false`: hands a window (or shadow root) event to the guard. */
    gate,
    /** Resolves to true when the current text may be sent now; false when it is refused. */
    async mayPost() {
      for (let i = 0; i < 100; i++) {
        const d = decide();
        if (d !== "hold") return d === "go";
        await answer;
      }
      return false;
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
      return checkedText === null ? verdict : check();
    },
    detach() {
      field.removeEventListener("input", onInput);
      field.removeEventListener("compositionstart", onCompositionStart);
      field.removeEventListener("compositionend", onCompositionEnd);
      doc.removeEventListener("scroll", onScroll, { capture: true });
      for (const w of windows) for (const type of GATED) w.removeEventListener(type, gate, true);
      if (listen && fieldRoot instanceof win.ShadowRoot) fieldRoot.removeEventListener("submit", gate, true);
      win.removeEventListener("resize", onWindowResize);
      resizeObserver.disconnect();
      layer.remove();
      if (ownStatus) status.remove();
      if (!quiet) {
        delete field.dataset.saringAction;
        field.removeAttribute("aria-invalid");
        field.setAttribute(
          "aria-describedby",
          (field.getAttribute("aria-describedby") ?? "").split(" ").filter((s) => s && s !== status.id).join(" "),
        );
      }
    },
  };
}
