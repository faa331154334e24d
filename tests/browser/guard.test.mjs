// The input guard (www/guard.js) on a bare fixture page in real headless Chromium: the warn
// flow, paste, cut, undo, a contenteditable, an IME composition, Enter-to-send, and the time
// each keystroke costs on a 2,200-character caption.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launch } from "./support.mjs";

let browser;
let page;

before(async () => {
  browser = await launch();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: new URL(browser.url).origin,
  });
  page = await browser.newPage("/fixtures/guard.html");
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
});

const action = (id) => page.locator(`#${id}`).getAttribute("data-saring-action");
const sent = (id) => page.evaluate((k) => window.sent[k], id);
const marks = (id) => page.locator(`#f-${id} mark.saring-hit`).allTextContents();

async function reset(id) {
  const field = page.locator(`#${id}`);
  await field.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  assert.equal(await action(id), "allow");
}

describe("guard: verdicts on every kind of edit", () => {
  for (const id of ["textarea", "input", "editable"]) {
    test(`${id}: typing → block, marks, send refused; deleting → allow`, async () => {
      await reset(id);
      await page.locator(`#${id}`).pressSequentially("dasar anjing lu");
      assert.equal(await action(id), "block");
      assert.deepEqual(await marks(id), ["anjing"]);
      const before = await sent(id);
      await page.locator(`#b-${id}`).click();
      assert.equal(await sent(id), before, "submit went through while blocked");
      await page.locator(`#${id}`).focus();
      await page.keyboard.press("Enter");
      assert.equal(await sent(id), before, "Enter went through while blocked");
      const status = await page.locator(`#f-${id} .saring-status`).textContent();
      assert.match(status, /anjing/);
      await reset(id);
      assert.deepEqual(await marks(id), []);
    });
  }

  test("contenteditable: the mark covers the word's own box", async () => {
    await reset("editable");
    await page.locator("#editable").pressSequentially("halo dasar anjing lu");
    const [wordBox, markBox] = await page.evaluate(() => {
      const el = document.getElementById("editable");
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode())) {
        const i = node.data.indexOf("anjing");
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 6);
          const a = r.getBoundingClientRect();
          const b = document.querySelector("#f-editable mark.saring-hit").getBoundingClientRect();
          return [[a.x, a.y, a.width, a.height], [b.x, b.y, b.width, b.height]];
        }
      }
      return [null, null];
    });
    assert.ok(wordBox, "word not found in the DOM");
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(wordBox[i] - markBox[i]) < 1, `${wordBox} vs ${markBox}`);
  });

  test("paste, cut and undo each update the verdict", async () => {
    await reset("textarea");
    await page.evaluate(() => navigator.clipboard.writeText("dasar anjing lu"));
    await page.keyboard.press("Control+V");
    assert.equal(await page.locator("#textarea").inputValue(), "dasar anjing lu");
    assert.equal(await action("textarea"), "block", "after paste");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+X");
    assert.equal(await page.locator("#textarea").inputValue(), "");
    assert.equal(await action("textarea"), "allow", "after cut");
    await page.keyboard.press("Control+Z");
    assert.equal(await page.locator("#textarea").inputValue(), "dasar anjing lu");
    assert.equal(await action("textarea"), "block", "after undo");
  });

  test("IME composition: no verdict change until the composition ends", async () => {
    await reset("textarea");
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "anjin", selectionStart: 5, selectionEnd: 5 });
    await cdp.send("Input.imeSetComposition", { text: "dasar anjing", selectionStart: 12, selectionEnd: 12 });
    assert.equal(await page.locator("#textarea").inputValue(), "dasar anjing");
    assert.equal(await action("textarea"), "allow", "checked in the middle of a composition");
    await cdp.send("Input.insertText", { text: "dasar anjing" }); // commits the composition
    assert.equal(await page.locator("#textarea").inputValue(), "dasar anjing");
    assert.equal(await action("textarea"), "block", "not checked when the composition ended");
    await cdp.detach();
  });
});

describe("guard: the layer follows the field", () => {
  /** Clicks the middle of the only mark and returns the caret index it lands on. */
  async function caretAtMark(id) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = await page.locator(`#f-${id} mark.saring-hit`).boundingBox();
    assert.ok(box, "no mark");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    return page.evaluate((i) => document.getElementById(i).selectionStart, id);
  }

  const cases = [
    ["textarea scrolled down", "textarea", `${"baris biasa\n".repeat(30)}dasar anjing lu`],
    ["input scrolled sideways", "input", `${"kata biasa ".repeat(12)}dasar anjing lu`],
    ["textarea after wrapping", "textarea", `${"panjang ".repeat(9)}dasar anjing lu ${"lagi ".repeat(5)}`],
  ];
  for (const [name, id, text] of cases) {
    test(`${name}: a click on the mark lands inside the word`, async () => {
      await reset(id);
      await page.locator(`#${id}`).fill(text);
      await page.locator(`#${id}`).press("Control+End");
      const start = text.indexOf("anjing");
      const caret = await caretAtMark(id);
      assert.ok(caret > start && caret < start + 6, `caret ${caret}, word at ${start}..${start + 6}`);
    });
  }

  test("textarea resized: the layer takes the new size", async () => {
    await reset("textarea");
    await page.locator("#textarea").fill("dasar anjing lu");
    await page.evaluate(() => {
      const t = document.getElementById("textarea");
      t.style.width = "200px";
      t.style.height = "150px";
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const [field, layer] = await page.evaluate(() => {
      const t = document.getElementById("textarea");
      const l = document.querySelector("#f-textarea .saring-layer").getBoundingClientRect();
      return [[t.getBoundingClientRect().x + t.clientLeft, t.clientWidth, t.clientHeight], [l.x, l.width, l.height]];
    });
    for (let i = 0; i < 3; i++) assert.ok(Math.abs(field[i] - layer[i]) < 1, `${field} vs ${layer}`);
    const caret = await caretAtMark("textarea");
    assert.ok(caret > 6 && caret < 12, `caret ${caret}`);
    await page.evaluate(() => {
      const t = document.getElementById("textarea");
      t.style.width = "";
      t.style.height = "";
    });
  });
});

describe("guard: warn asks once", () => {
  test("a mild insult warns; the first send is held, the second goes through", async () => {
    await reset("textarea");
    await page.locator("#textarea").pressSequentially("dasar kampungan");
    assert.equal(await action("textarea"), "warn");
    const before = await sent("textarea");
    await page.locator("#b-textarea").click();
    assert.equal(await sent("textarea"), before, "warn did not ask");
    assert.match(await page.locator("#f-textarea .saring-status").textContent(), /once more/);
    await page.locator("#b-textarea").click();
    assert.equal(await sent("textarea"), before + 1, "the confirmed send did not go through");
    // An edit asks again.
    await page.locator("#textarea").press("End");
    await page.keyboard.type("!");
    await page.locator("#b-textarea").click();
    assert.equal(await sent("textarea"), before + 1, "an edited text was sent without asking");
  });
});

describe("guard: cost per keystroke", () => {
  test("2,200-character caption: check and check + render, p50 / p99", async () => {
    await reset("textarea");
    const base = "Liburan ke pantai bareng keluarga, seru banget! ".repeat(60).slice(0, 2000);
    await page.locator("#textarea").fill(base);
    await page.evaluate(() => {
      window.verdicts.length = 0;
    });
    const typed = "dasar anjing lu, mantap sekali pokoknya!! ".repeat(5).slice(0, 200); // 200 keystrokes
    await page.locator("#textarea").press("End");
    await page.keyboard.type(typed);
    const v = await page.evaluate(() => window.verdicts.filter((d) => d.id === "textarea"));
    assert.ok(v.length >= typed.length, `${v.length} verdicts`);
    // performance.now() is coarse (0.1 ms) in a page that is not cross-origin isolated, so the
    // check alone is also timed over 50 repetitions of each keystroke's text.
    const repeated = await page.evaluate(({ base, typed }) => {
      const out = [];
      for (let i = 1; i <= typed.length; i++) {
        const text = base + typed.slice(0, i);
        const t0 = performance.now();
        for (let r = 0; r < 50; r++) window.filter.check(text);
        out.push((performance.now() - t0) / 50);
      }
      return out;
    }, { base, typed });
    const q = (xs, p) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor(p * s.length))];
    };
    const total = v.map((d) => d.checkMs + d.renderMs);
    const fmt = (n) => `${n.toFixed(3)} ms`;
    console.log(
      `keystroke cost, ${base.length}-${base.length + typed.length} chars, ${v.length} keystrokes: ` +
        `check p50 ${fmt(q(repeated, 0.5))} p99 ${fmt(q(repeated, 0.99))}; ` +
        `check+render p50 ${fmt(q(total, 0.5))} p99 ${fmt(q(total, 0.99))} ` +
        "(budgets: check p99 ≤ 0.2 ms, check+render p99 ≤ 4 ms; reported, not asserted)",
    );
    assert.equal(await action("textarea"), "block");
  });

  test("no request left 127.0.0.1 and the page logged no errors", () => {
    assert.deepEqual(browser.offsite, []);
    assert.deepEqual(page.errors.map(String), []);
  });
});

describe("guard: composers without a form", () => {
  let cpage;
  before(async () => {
    cpage = await browser.newPage("/fixtures/guard-composer.html");
    await cpage.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
  });
  after(async () => {
    assert.deepEqual(cpage.errors.map(String), []);
    await cpage.close();
  });
  const sentTo = (key) => cpage.evaluate((k) => window.sent[k], key);
  const refusedList = () => cpage.evaluate(() => window.refused);
  const summary = (key) => cpage.locator(`#${key}-field ~ .saring-status .saring-summary`).textContent();

  test("a div button labelled Kirim: refused while block, with the reasons; a bold button still works", async () => {
    const f = cpage.locator("#div-field");
    await f.pressSequentially("dasar 4nj1ng lu");
    assert.equal(await f.getAttribute("data-saring-action"), "block");
    await cpage.locator("#div-send").click();
    assert.deepEqual(await sentTo("div"), []);
    assert.deepEqual(await refusedList(), ["div:block"]);
    // The refusal stays on screen: the field's focus and re-check do not overwrite it.
    await f.focus();
    await cpage.evaluate(() => window.guards.div.check());
    assert.equal(await summary("div"), "This can't be posted. Change the marked words first.");
    await cpage.locator("#div-bold").click();
    assert.equal(await cpage.evaluate(() => window.bold), 1);
    await f.fill("");
    await f.pressSequentially("sampai besok");
    await cpage.locator("#div-send").click();
    assert.deepEqual(await sentTo("div"), ["sampai besok"]);
  });

  test("sendControls: a control outside the composer, sending on pointerdown", async () => {
    const f = cpage.locator("#far-field");
    await f.pressSequentially("ｋｏｎｔｏｌ");
    await cpage.locator("#far-send").click();
    assert.deepEqual(await sentTo("far"), []);
    await f.fill("");
    await f.pressSequentially("halo");
    await cpage.locator("#far-send").click();
    assert.deepEqual(await sentTo("far"), ["halo"]);
  });

  test("mayPost(): an app that sends from code asks first", async () => {
    const f = cpage.locator("#code-field");
    await f.pressSequentially("dasar 4nj1ng");
    assert.equal(await cpage.evaluate(() => window.guards.code.mayPost()), false);
    await f.fill("");
    await f.pressSequentially("kamu bodoh"); // warn: asks once
    assert.equal(await cpage.evaluate(() => window.guards.code.mayPost()), false);
    assert.equal(await summary("code"), "Post anyway? Press send once more to post it.");
    assert.equal(await cpage.evaluate(() => window.guards.code.mayPost()), true);
    await f.fill("");
    await f.pressSequentially("selamat pagi");
    assert.equal(await cpage.evaluate(() => window.guards.code.mayPost()), true);
  });

  test("fail closed: a send before the verdict is held, then refused or sent once", async () => {
    const f = cpage.locator("#slow-field");
    await f.pressSequentially("dasar 4nj1ng lu");
    await cpage.locator("#slow-send").click();
    assert.deepEqual(await sentTo("slow"), [], "sent before the verdict");
    assert.match(await summary("slow"), /^Checking/);
    await cpage.evaluate(() => window.release());
    await cpage.waitForFunction(() => window.refused.includes("slow:block"));
    assert.deepEqual(await sentTo("slow"), []);
    assert.equal(await f.getAttribute("data-saring-action"), "block");
    await f.fill("");
    await cpage.evaluate(() => window.release());
    await f.pressSequentially("main ke pantai");
    await cpage.locator("#slow-send").click();
    assert.deepEqual(await sentTo("slow"), [], "sent before the verdict");
    assert.ok((await cpage.evaluate(() => window.pendingChecks())) > 0);
    await cpage.evaluate(() => window.release());
    await cpage.waitForFunction(() => window.sent.slow.length === 1);
    assert.deepEqual(await sentTo("slow"), ["main ke pantai"]);
  });

  test("keyboard activation of a [role=button] (Enter, Space) is refused while block", async () => {
    const f = cpage.locator("#key-field");
    await f.pressSequentially("dasar 4nj1ng");
    for (const key of ["Enter", " "]) {
      await cpage.locator("#key-send").focus();
      await cpage.keyboard.press(key === " " ? "Space" : key);
    }
    assert.deepEqual(await sentTo("key"), []);
    await f.fill("");
    await f.pressSequentially("terima kasih");
    await cpage.locator("#key-send").focus();
    await cpage.keyboard.press("Space");
    assert.deepEqual(await sentTo("key"), ["terima kasih"]);
  });

  test("maxLength: longer text is block with its reason, and not sent", async () => {
    const f = cpage.locator("#cap-field");
    await f.pressSequentially("halo halo halo halo halo");
    assert.equal(await f.getAttribute("data-saring-action"), "block");
    assert.match(await cpage.locator("#c-cap .saring-status").textContent(), /Too long to check \(over 20 characters\)/);
    await cpage.locator("#cap-send").click();
    assert.deepEqual(await sentTo("cap"), []);
    assert.ok((await refusedList()).includes("cap:too-long"));
  });

  test("bad options are refused with a clear error", async () => {
    const errors = await cpage.evaluate(async () => {
      const { attachGuard } = await import("/guard.js");
      const el = document.createElement("textarea");
      document.body.append(el);
      const out = [];
      for (const opts of [{ sendControls: 42 }, { maxLength: 0 }]) {
        try {
          attachGuard(el, { filter: { check: () => ({ action: "allow", matches: [] }) }, ...opts }).detach();
          out.push("accepted");
        } catch (e) {
          out.push(e.message);
        }
      }
      el.remove();
      return out;
    });
    assert.deepEqual(errors, [
      "attachGuard: options.sendControls must be a CSS selector or a list of elements",
      "attachGuard: options.maxLength must be a positive integer",
    ]);
  });
});
