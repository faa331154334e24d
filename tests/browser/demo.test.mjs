// The demo page in real headless Chromium: typing character by character, highlights over
// exactly the typed word, the submit gate, clean text going through, an HTML payload staying
// text, and no request leaving 127.0.0.1.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadPackage, readCases } from "../js/support.mjs";
import { launch } from "./support.mjs";

let browser;
let page;
let dialogs = 0;
// What the built package says it knows: the demo must offer exactly these.
const PACKAGE_LANGUAGES = (await loadPackage()).languages();

before(async () => {
  browser = await launch();
  page = await browser.newPage("/");
  page.on("dialog", async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
});

const caption = () => page.locator("#caption");

async function clearAndType(selector, text) {
  const field = page.locator(selector);
  await field.fill("");
  await field.pressSequentially(text); // one key / one input event per character
}

const feedCount = () => page.locator("#feed li").count();

/** The caret index a click at (x, y) puts in the textarea. */
async function caretAt(x, y) {
  await page.mouse.click(x, y);
  return page.evaluate(() => document.querySelector("#caption").selectionStart);
}

// [what is typed, the word that must be marked]
const insults = [
  ["dasar anjing lu", "anjing"],
  ["ｋｏｎｔｏｌ", "ｋｏｎｔｏｌ"],
];

describe("demo page: caption box", () => {
  for (const [typed, word] of insults) {
    test(`typing ${JSON.stringify(typed)} → block, marked, post refused`, async () => {
      await clearAndType("#caption", typed);
      assert.equal(await caption().getAttribute("data-saring-action"), "block");

      const marks = page.locator("#post-form .saring-layer mark.saring-hit");
      const texts = await marks.allTextContents();
      assert.deepEqual(texts, [word], `marks: ${JSON.stringify(texts)}`);
      assert.ok(await marks.first().getAttribute("data-category"));
      // The layer mirrors the field's text exactly (plus one zero-width space at the end).
      const mirrored = await page.locator("#post-form .saring-mirror").textContent();
      assert.equal(mirrored, `${typed}\u200b`);

      // The mark lies over the word itself: clicking inside it puts the caret inside the
      // word in the real textarea (the layer lets clicks through).
      const start = typed.indexOf(word);
      const end = start + word.length;
      const box = await marks.first().boundingBox();
      assert.ok(box && box.width > 4, `mark box ${JSON.stringify(box)}`);
      const mid = await caretAt(box.x + box.width / 2, box.y + box.height / 2);
      assert.ok(mid > start && mid < end, `caret ${mid} not inside ${start}..${end}`);
      const left = await caretAt(box.x + 1, box.y + box.height / 2);
      assert.ok(Math.abs(left - start) <= 1, `left edge caret ${left}, word starts at ${start}`);
      const right = await caretAt(box.x + box.width - 1, box.y + box.height / 2);
      assert.ok(Math.abs(right - end) <= 1, `right edge caret ${right}, word ends at ${end}`);

      // The post is refused, with the reasons shown.
      const before = await feedCount();
      await page.locator("#post-button").click();
      assert.equal(await feedCount(), before, "a blocked caption was posted");
      const status = await page.locator("#caption-status").textContent();
      assert.ok(status.includes(word), `status does not name the word: ${status}`);
      // The refusal is what the status says — not overwritten by the re-check on focus.
      assert.match(status, /Ubah bagian yang ditandai dulu|Change the marked words first/, status);
      // Enter-to-send in the comment box is refused too.
      await clearAndType("#comment", typed);
      assert.equal(await page.locator("#comment").getAttribute("data-saring-action"), "block");
      await page.locator("#comment").press("Enter");
      assert.equal(await page.locator("#comments li").count(), 0, "a blocked comment was sent");
      await page.locator("#comment").fill("");
    });
  }

  test("clean text with a trap word (pantai) → allow, and the post goes through", async () => {
    const text = "Liburan ke pantai bareng keluarga";
    await clearAndType("#caption", text);
    assert.equal(await caption().getAttribute("data-saring-action"), "allow");
    assert.equal(await page.locator("#post-form mark.saring-hit").count(), 0);
    const before = await feedCount();
    await page.locator("#post-button").click();
    assert.equal(await feedCount(), before + 1);
    assert.equal(await page.locator("#feed li").first().textContent(), text);
    assert.equal(await caption().inputValue(), "");
  });

  test("an HTML payload stays text, everywhere it is shown", async () => {
    const payload = "<img src=x onerror=alert(1)>";
    await clearAndType("#caption", payload);
    assert.equal(await page.locator("#post-form .saring-mirror").textContent(), `${payload}\u200b`);
    assert.equal(await page.locator("img").count(), 0, "an <img> element was created");
    if ((await caption().getAttribute("data-saring-action")) !== "block") {
      await page.locator("#post-button").click();
      assert.equal(await page.locator("#feed li").first().textContent(), payload);
    }
    assert.equal(await page.locator("img").count(), 0, "an <img> element was created");
    assert.equal(await page.locator("#censor-preview img").count(), 0);
    // Had the payload become an element, its image would have been fetched, failed and run
    // its handler. A control image fetched from the same server now (a stylesheet: it loads,
    // and fails as an image) fails after the payload's would have: wait for it, then look.
    await page.evaluate(() => new Promise((resolve) => {
      const control = new Image();
      control.onerror = control.onload = resolve;
      control.src = "style.css?control";
    }));
    assert.ok(browser.requests.some((u) => u.endsWith("/style.css?control")), "the control image was not requested");
    assert.ok(!browser.requests.some((u) => new URL(u).pathname === "/x"), "the payload's image was requested");
    assert.equal(dialogs, 0, "a dialog opened: the payload ran");
  });

  // The profile switch: the demo must give the verdicts of the shared case table.
  for (const c of readCases().filter((c) => c.file === "profiles.tsv")) {
    test(`profile switch: ${c.profile} ${JSON.stringify(c.text)} → ${c.action} (${c.where})`, async () => {
      await page.locator(`input[name="profile"][value="${c.profile}"]`).check();
      await page.locator("#caption").fill(c.text);
      assert.equal(await caption().getAttribute("data-saring-action"), c.action);
      const marked = await page.locator("#post-form mark.saring-hit").allTextContents();
      assert.deepEqual(marked, c.hits.map((h) => h.text));
    });
  }

  test("language switch: the reasons follow the page language", async () => {
    await page.locator('input[name="profile"][value="teen"]').check();
    await page.locator('input[name="lang"][value="en"]').check();
    await clearAndType("#caption", "dasar anjing lu");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.match(await page.locator("#caption-status").textContent(), /can't be posted.*insult/s);
    assert.equal(await page.locator("#post-button").textContent(), "Post");
    await page.locator('input[name="lang"][value="id"]').check();
    assert.match(await page.locator("#caption-status").textContent(), /Tidak bisa dikirim.*hinaan/s);
    assert.equal(await page.locator("#post-button").textContent(), "Posting");
  });

  test("custom words (kept in localStorage) and the warn flow: asks once", async () => {
    await page.locator("#extra-terms").fill("kampungan, insult, 1");
    await page.locator("#words-form button[type=submit]").click();
    assert.match(await page.locator("#words-status").textContent(), /1/);
    await clearAndType("#caption", "dasar kampungan");
    assert.equal(await caption().getAttribute("data-saring-action"), "warn");
    const before = await feedCount();
    await page.locator("#post-button").click();
    assert.equal(await feedCount(), before, "warn did not ask before posting");
    const asked = await page.locator("#caption-status").textContent();
    assert.match(asked, /Tekan kirim sekali lagi|Press send once more/, `the question was overwritten: ${asked}`);
    await page.locator("#post-button").click();
    assert.equal(await feedCount(), before + 1, "the confirmed post did not go through");
    // The words survive a reload.
    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    assert.equal(await page.locator("#extra-terms").inputValue(), "kampungan, insult, 1");
    await page.locator("#caption").fill("dasar kampungan");
    assert.equal(await caption().getAttribute("data-saring-action"), "warn");
    await page.evaluate(() => localStorage.clear());
  });

  test("languages screened: one checkbox per language of the package; English only lets jancok through", async () => {
    const boxes = page.locator('#screened-languages input[name="screened"]');
    const offered = await boxes.evaluateAll((els) => els.map((b) => ({ code: b.value, checked: b.checked })));
    assert.deepEqual(offered, PACKAGE_LANGUAGES.map((l) => ({ code: l.code, checked: l.default })));
    await page.locator('input[name="profile"][value="teen"]').check();
    await clearAndType("#caption", "jancok");
    assert.equal(await caption().getAttribute("data-saring-action"), "block", "the default set screens Javanese");
    for (const { code } of offered.filter((l) => l.code !== "en" && l.checked)) {
      await page.locator(`#screened-languages input[value="${code}"]`).uncheck();
    }
    assert.equal(await page.locator('#screened-languages input[value="en"]').isDisabled(), true, "the last language can be switched off");
    await clearAndType("#caption", "jancok");
    assert.equal(await caption().getAttribute("data-saring-action"), "allow");
    await clearAndType("#caption", "fuck");
    assert.equal(await caption().getAttribute("data-saring-action"), "block");
    for (const { code } of offered.filter((l) => l.checked)) {
      await page.locator(`#screened-languages input[value="${code}"]`).check();
    }
    await clearAndType("#caption", "jancok");
    assert.equal(await caption().getAttribute("data-saring-action"), "block");
    await caption().fill("");
  });

  test("no request left 127.0.0.1 and the page logged no errors", async () => {
    assert.ok(browser.requests.some((u) => u.endsWith("/pkg/saring_bg.wasm")), "the wasm was loaded");
    assert.deepEqual(browser.offsite, []);
    assert.deepEqual(page.errors.map(String), []);
  });
});
