// The demo page: a short-video app's post composer, screened by saring as you type.
// Plain ES module, no bundler: the package comes from /pkg/ (built by `make pkg`).
import init, { Filter, languages } from "../pkg/saring.js";
import { attachGuard, MESSAGES, pickLang } from "./guard.js";

const $ = (sel) => document.querySelector(sel);

const UI = {
  id: {
    tagline: "Menyaring keterangan dan komentar saat diketik — langsung di perangkat.",
    profile: "Profil", child: "Anak", teen: "Remaja", adult: "Dewasa", language: "Bahasa",
    newPost: "Postingan baru", caption: "Keterangan",
    captionPlaceholder: "Tulis keterangan… #pantai #liburan",
    post: "Posting", posted: "Terkirim", comment: "Komentar",
    commentPlaceholder: "Tambahkan komentar…", send: "Kirim",
    behind: "Di balik layar", verdict: "Keputusan", censorPreview: "Pratinjau sensor",
    playground: "Taman penyamaran",
    playgroundHint: "Coba contoh penyamaran; tabel menunjukkan apa yang dibongkar.",
    thText: "Teks", thTerm: "Istilah", thCategory: "Kategori", thUndone: "Dibongkar",
    screened: "Bahasa yang disaring",
    customWords: "Kata khusus",
    extraTerms: "Kata tambahan (satu per baris: kata, kategori, tingkat 1–3)",
    allowTerms: "Kata yang diizinkan (satu per baris)", apply: "Terapkan",
    applied: (n, m) => `Diterapkan: ${n} kata tambahan, ${m} kata diizinkan.`,
    privacy: "Semua pemeriksaan berjalan di perangkat ini; tidak ada teks yang dikirim ke mana pun.",
    loadError: "Paket WebAssembly tidak bisa dimuat. Jalankan `make demo`.",
    check: "periksa", render: "gambar", none: "—",
    actions: { allow: "izinkan", warn: "peringatkan", block: "blokir" },
    // Why a construction fired (docs/constructions.md), shown beside the matched words.
    rules: {
      "threat-against-group": "ancaman kekerasan terhadap suatu kelompok",
      incitement: "hasutan kekerasan atas nama agama atau terhadap tempat ibadah",
      dehumanization: "menyamakan suatu kelompok dengan hewan, penyakit, atau sampah",
      "negative-attribute": "menempelkan sifat buruk pada suatu kelompok",
      "hateful-emotion": "menyatakan kebencian terhadap suatu kelompok",
      exclusion: "mengusir atau mengucilkan suatu kelompok",
      promotion: "promosi judi online: nama bergaya merek (huruf bergaya, berspasi atau berangka) " +
        "dan/atau kata-kata promosi, testimoni, ajakan — satu kata saja tidak cukup",
    },
  },
  en: {
    tagline: "Screens captions and comments as they are typed — right on the device.",
    profile: "Profile", child: "Child", teen: "Teen", adult: "Adult", language: "Language",
    newPost: "New post", caption: "Caption",
    captionPlaceholder: "Write a caption… #beach #holiday",
    post: "Post", posted: "Posted", comment: "Comment",
    commentPlaceholder: "Add a comment…", send: "Send",
    behind: "Behind the scenes", verdict: "Verdict", censorPreview: "Censor preview",
    playground: "Evasion playground",
    playgroundHint: "Try a disguise; the table shows what was undone.",
    thText: "Text", thTerm: "Term", thCategory: "Category", thUndone: "Undone",
    screened: "Languages screened",
    customWords: "Custom words",
    extraTerms: "Extra words (one per line: word, category, severity 1–3)",
    allowTerms: "Allowed words (one per line)", apply: "Apply",
    applied: (n, m) => `Applied: ${n} extra words, ${m} allowed words.`,
    privacy: "Every check runs on this device; no text is sent anywhere.",
    loadError: "The WebAssembly package could not be loaded. Run `make demo`.",
    check: "check", render: "render", none: "—",
    actions: { allow: "allow", warn: "warn", block: "block" },
    // Why a construction fired (docs/constructions.md), shown beside the matched words.
    rules: {
      "threat-against-group": "a threat of violence against a group",
      incitement: "a call to violence in a religion's name or against places of worship",
      dehumanization: "likens a group to animals, disease or filth",
      "negative-attribute": "pins a bad trait on a whole group",
      "hateful-emotion": "declares hatred of a group",
      exclusion: "tells a group to leave or that it does not belong",
      promotion: "online-gambling promotion: a brand-like name (styled, spaced or with digits) " +
        "and/or promotion wording, testimonials, calls to action — one word alone is not enough",
    },
  },
};

const SAMPLES = [
  "dasar anjing lu",
  "ａｎｊｉｎｇ",
  "a n j i n g",
  "anjiiiing",
  "4nj1ng",
  "аnjing", // Cyrillic а
  "f*ck",
  "b\u200bangsat",
  "main slot gacor",
  "rezeki dari 𝐌𝐄𝐋𝐀𝐓𝐈𝟕𝟕𝟕, wd lancar",
  "pantai Scunthorpe",
];

const STORE = "saring-demo-words";
let lang = "id";
let profile = "teen";
let filter = null;
let screened = null; // the filter's languages: null is the package's default set
const guards = [];

function t(key) {
  return UI[lang][key];
}

function applyLang() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const v = UI[lang][el.dataset.i18n];
    if (typeof v === "string") el.textContent = v;
  }
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
    el.placeholder = UI[lang][el.dataset.i18nPlaceholder];
  }
  for (const g of guards) g.setLang(lang);
  for (const box of languageBoxes()) box.nextElementSibling.textContent = languageName(box.value, box.dataset.name);
}

const languageBoxes = () => [...document.querySelectorAll('#screened-languages input[name="screened"]')];

/** A language's name in the page's language, else the package's (English) name. */
function languageName(code, name) {
  try {
    const local = new Intl.DisplayNames([lang], { type: "language", fallback: "none" }).of(code);
    if (local && local.toLowerCase() !== code) return `${local} (${code})`;
  } catch {
    /* no names for this locale */
  }
  return `${name} (${code})`;
}

// At least one language stays on: the last one checked cannot be unchecked.
function keepOneLanguage() {
  const checked = languageBoxes().filter((b) => b.checked);
  for (const b of languageBoxes()) b.disabled = checked.length === 1 && b.checked;
}

/** One checkbox per language the package knows (`languages()`), its default set checked. */
function languageChoices(onChange) {
  const list = languages();
  $("#screened-languages").replaceChildren(
    ...list.map((l) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "screened";
      box.value = l.code;
      box.dataset.name = l.name;
      box.checked = l.default;
      box.addEventListener("change", () => {
        keepOneLanguage();
        const codes = languageBoxes().filter((b) => b.checked).map((b) => b.value);
        const defaults = list.filter((x) => x.default).map((x) => x.code);
        const same = codes.length === defaults.length && codes.every((c) => defaults.includes(c));
        screened = same ? null : codes;
        onChange();
      });
      label.append(box, " ", document.createElement("span"));
      return label;
    }),
  );
  keepOneLanguage();
}

function loadWords() {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? "null") ?? { extra: "", allow: "" };
  } catch {
    return { extra: "", allow: "" };
  }
}

function parseWords({ extra, allow }) {
  const extraTerms = [];
  for (const line of extra.split("\n")) {
    const [term, category = "insult", severity = "1"] = line.split(",").map((s) => s.trim());
    if (term) extraTerms.push({ term, category, severity: Number(severity) || 1 });
  }
  const allowTerms = allow.split("\n").map((s) => s.trim()).filter(Boolean);
  return { extraTerms, allowTerms };
}

function buildFilter() {
  const words = parseWords(loadWords());
  const next = new Filter({ profile, ...(screened ? { languages: screened } : {}), ...words });
  filter?.free();
  filter = next;
  return words;
}

function renderInspector(detail) {
  const badge = $("#verdict");
  badge.dataset.action = detail.action;
  badge.textContent = UI[lang].actions[detail.action];
  // Browsers coarsen performance.now() to 0.1 ms on pages that are not cross-origin isolated.
  const ms = (n) => (n < 0.1 ? "< 0.1 ms" : `${n.toFixed(1)} ms`);
  $("#timing").textContent = `${t("check")} ${ms(detail.checkMs)} · ${t("render")} ${ms(detail.renderMs)}`;
  $("#censor-preview").textContent = detail.text ? filter.censor(detail.text) : "";
  const rows = detail.matches.map((m) => {
    const tr = document.createElement("tr");
    const cells = [
      detail.text.slice(m.start, m.end),
      UI[lang].rules[m.rule] ? `${m.term} — ${UI[lang].rules[m.rule]}` : m.term,
      `${MESSAGES[pickLang(lang)].categories[m.category] ?? m.category} (${m.severity})`,
      (m.evasions ?? []).map((e) => MESSAGES[pickLang(lang)].evasions[e] ?? e).join(", ") || t("none"),
    ];
    for (const c of cells) {
      const td = document.createElement("td");
      td.textContent = c; // user text: textContent only
      tr.append(td);
    }
    return tr;
  });
  $("#hits").replaceChildren(...rows);
}

function counter(field, out) {
  const update = () => {
    out.textContent = `${field.value.length} / ${field.maxLength}`;
  };
  field.addEventListener("input", update);
  update();
  return update;
}

function postTo(list, text) {
  const li = document.createElement("li");
  li.textContent = text;
  list.prepend(li);
}

async function main() {
  try {
    await init();
  } catch (e) {
    const box = $("#load-error");
    box.hidden = false;
    box.textContent = `${t("loadError")} (${e.message})`;
    throw e;
  }
  const words = loadWords();
  $("#extra-terms").value = words.extra;
  $("#allow-terms").value = words.allow;
  buildFilter();

  const caption = $("#caption");
  const comment = $("#comment");
  let lastField = caption;
  const onVerdict = (detail) => {
    if (detail.text === lastField.value) renderInspector(detail);
  };
  guards.push(attachGuard(caption, { filter, lang, status: $("#caption-status"), onVerdict }));
  guards.push(attachGuard(comment, { filter, lang, status: $("#comment-status"), onVerdict }));
  caption.addEventListener("focus", () => {
    lastField = caption;
    guards[0].check();
  });
  comment.addEventListener("focus", () => {
    lastField = comment;
    guards[1].check();
  });
  const capCount = counter(caption, $("#caption-count"));
  const comCount = counter(comment, $("#comment-count"));

  // The app's own send handlers: they run only when the guard let the submit through.
  $("#post-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!caption.value.trim()) return;
    postTo($("#feed"), caption.value);
    caption.value = "";
    capCount();
    guards[0].check();
  });
  $("#comment-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!comment.value.trim()) return;
    postTo($("#comments"), comment.value);
    comment.value = "";
    comCount();
    guards[1].check();
  });

  for (const input of document.querySelectorAll('input[name="profile"]')) {
    input.addEventListener("change", () => {
      profile = input.value;
      buildFilter();
      for (const g of guards) g.setFilter(filter);
    });
  }
  languageChoices(() => {
    buildFilter();
    for (const g of guards) g.setFilter(filter);
  });
  for (const input of document.querySelectorAll('input[name="lang"]')) {
    input.addEventListener("change", () => {
      lang = input.value;
      applyLang();
    });
  }

  const samples = $("#samples");
  for (const s of SAMPLES) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "sample";
    b.textContent = s;
    b.addEventListener("click", () => {
      caption.value = s;
      caption.dispatchEvent(new Event("input", { bubbles: true }));
      lastField = caption;
      caption.focus();
    });
    samples.append(b);
  }

  $("#words-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const next = { extra: $("#extra-terms").value, allow: $("#allow-terms").value };
    const previous = loadWords();
    localStorage.setItem(STORE, JSON.stringify(next));
    let parsed;
    try {
      parsed = buildFilter();
    } catch (err) {
      localStorage.setItem(STORE, JSON.stringify(previous));
      $("#words-status").textContent = err.message;
      return;
    }
    for (const g of guards) g.setFilter(filter);
    $("#words-status").textContent = t("applied")(parsed.extraTerms.length, parsed.allowTerms.length);
  });

  applyLang();
  document.body.dataset.ready = "true";
}

main();
