// Touch and sharing (issue 21): definitions and abbreviations open in place, "Kopiera länk" copies the
// exact address of a clause or an answer. Scripts under test: docs/assets/begrepp.js, docs/assets/lankar.js.
//
// check():     on every page at 390 px, each "Kopiera länk" button is at least 24 × 24 css px and names
//              its target, and each defined-term link has been made a toggle (aria-expanded).
// scenarios(): at 390 × 844 with mobile emulation (touch): tapping a defined term on avsnitt 3 shows its
//              definition on the page and the address stays the same; a term reached with Tab shows its
//              definition; tapping "mnkr" on an agreement page shows "miljoner kronor"; "Kopiera länk" at
//              clause 3.2.4 and at a guide answer puts the page address + "#" + anchor on the clipboard and
//              the live region says "Länken är kopierad".

export const widths = [390];

export function applies() { return true; }

const MOBILE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const CLAUSE_PAGE = 'samverkansregler/avsnitt-3.html';
const CLAUSE = 'punkt-3-2-4';
// A page of worked questions (the guide's entry page only links to the answers).
const GUIDE_PAGE = 'samverkansregler/far-jag-fragor-resor.html';
const ABBR_PAGE = 'avtal/psykisk-halsa-2026.html';

export async function check(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const button of document.querySelectorAll('.md-content .kopiera-lank__knapp')) {
      const box = button.getBoundingClientRect();
      const label = button.getAttribute('aria-label') || '';
      if (box.width < 24 || box.height < 24) problems.push({ problem: 'Kopiera länk button smaller than 24 × 24 css px', detail: `${label}: ${box.width.toFixed(1)} × ${box.height.toFixed(1)}` });
      if (!/^Kopiera länk till \S/.test(label)) problems.push({ problem: 'Kopiera länk button does not name its target', detail: label });
    }
    const terms = [...document.querySelectorAll('.md-content a[href*="begrepp.html#begrepp-"][title]')];
    const plain = terms.filter((a) => !a.closest('.forklaring') && !a.hasAttribute('aria-expanded'));
    if (plain.length) problems.push({ problem: 'defined term link not enhanced (no aria-expanded): a tap leaves the page', detail: plain.slice(0, 3).map((a) => a.textContent).join(', ') });
    return problems;
  });
}

/** The visible explanation note the script opened for `owner` (by aria-controls or the next sibling), as text. */
async function shownNote(page, handle) {
  return handle.evaluate((el) => {
    const id = el.getAttribute('aria-controls') || el.getAttribute('data-forklaring');
    const note = (id && document.getElementById(id)) || el.nextElementSibling;
    if (!note || !note.classList.contains('forklaring')) return null;
    const box = note.getBoundingClientRect();
    const style = getComputedStyle(note);
    if (note.hidden || style.display === 'none' || style.visibility === 'hidden' || box.height < 1) return null;
    return { text: note.textContent.replace(/\s+/g, ' ').trim(), more: note.querySelector('a')?.getAttribute('href') || null, expanded: el.getAttribute('aria-expanded') };
  });
}

async function mobilePage(browser) {
  const page = await browser.newPage();
  await page.setViewport(MOBILE);
  return page;
}

async function open(page, url) {
  await page.goto(url, { waitUntil: 'networkidle0', timeout: 60000 });
}

async function tapTerm({ browser, server }) {
  const name = 'tap on a defined term shows its definition in place';
  const page = await mobilePage(browser);
  try {
    const url = server.url(CLAUSE_PAGE);
    await open(page, url);
    const term = await page.$('.md-content a[href*="begrepp.html#begrepp-"][title]');
    if (!term) return { name, status: 'failed', detail: `no defined-term link on ${CLAUSE_PAGE}` };
    const definition = await term.evaluate((a) => a.getAttribute('title').replace(/\s+/g, ' ').trim());
    await term.tap();
    await new Promise((r) => setTimeout(r, 400));
    if (page.url() !== url) return { name, status: 'failed', detail: `the tap navigated to ${page.url()}` };
    const note = await shownNote(page, term);
    if (!note) return { name, status: 'failed', detail: 'no visible explanation after the tap' };
    if (!note.text.includes(definition)) return { name, status: 'failed', detail: `note text ${JSON.stringify(note.text)} lacks the definition` };
    if (!note.text.includes('Läs mer under Begrepp') || !/begrepp\.html#begrepp-/.test(note.more || '')) return { name, status: 'failed', detail: `no "Läs mer under Begrepp" link in the note: ${JSON.stringify(note)}` };
    if (note.expanded !== 'true') return { name, status: 'failed', detail: `aria-expanded is ${note.expanded}` };
    // Escape closes it; a second tap on the term would too.
    await page.keyboard.press('Escape');
    const after = await shownNote(page, term);
    if (after) return { name, status: 'failed', detail: 'Escape did not close the note' };
    return { name, status: 'passed', detail: `${definition.slice(0, 60)}… shown, address unchanged` };
  } catch (error) {
    return { name, status: 'failed', detail: String(error).slice(0, 300) };
  } finally {
    await page.close();
  }
}

async function focusTerm({ browser, server }) {
  const name = 'a defined term reached with Tab shows its definition';
  const page = await mobilePage(browser);
  try {
    await open(page, server.url(CLAUSE_PAGE));
    const term = await page.$('.md-content a[href*="begrepp.html#begrepp-"][title]');
    if (!term) return { name, status: 'failed', detail: 'no defined-term link' };
    // Focus the focusable element just before the term, then Tab: a real keyboard focus (:focus-visible).
    await term.evaluate((el) => {
      const focusable = [...document.querySelectorAll('a[href], button, input, [tabindex]')].filter((e) => e.tabIndex >= 0 && e.getClientRects().length);
      const before = focusable[focusable.indexOf(el) - 1];
      before.focus();
    });
    await page.keyboard.press('Tab');
    const focused = await term.evaluate((el) => document.activeElement === el);
    if (!focused) return { name, status: 'failed', detail: 'Tab did not reach the term' };
    const note = await shownNote(page, term);
    if (!note) return { name, status: 'failed', detail: 'nothing shown when the term got keyboard focus' };
    const definition = await term.evaluate((a) => a.getAttribute('title').replace(/\s+/g, ' ').trim());
    if (!note.text.includes(definition)) return { name, status: 'failed', detail: `note ${JSON.stringify(note.text)} lacks the definition` };
    // Tab moves on into the note (its "Läs mer" link), then out: no trap, and the note closes.
    await page.keyboard.press('Tab');
    const inNote = await page.evaluate(() => Boolean(document.activeElement?.closest('.forklaring')));
    await page.keyboard.press('Tab');
    const out = await page.evaluate(() => !document.activeElement?.closest('.forklaring'));
    const closed = !(await shownNote(page, term));
    if (!inNote || !out || !closed) return { name, status: 'failed', detail: `focus into note ${inNote}, out of it ${out}, note closed ${closed}` };
    return { name, status: 'passed', detail: 'definition shown on focus; Tab goes through the note and out, which closes it' };
  } catch (error) {
    return { name, status: 'failed', detail: String(error).slice(0, 300) };
  } finally {
    await page.close();
  }
}

async function tapAbbreviation({ browser, server }) {
  const name = 'tap on an abbreviation (mnkr) shows its explanation';
  const page = await mobilePage(browser);
  try {
    const url = server.url(ABBR_PAGE);
    await open(page, url);
    const handles = await page.$$('.md-content abbr');
    let abbr = null;
    for (const h of handles) {
      if (await h.evaluate((el) => el.textContent === 'mnkr' && !el.closest('a') && el.getClientRects().length > 0)) { abbr = h; break; }
    }
    if (!abbr) return { name, status: 'failed', detail: `no visible <abbr>mnkr</abbr> outside links on ${ABBR_PAGE}` };
    await abbr.tap();
    await new Promise((r) => setTimeout(r, 300));
    if (page.url() !== url) return { name, status: 'failed', detail: `the tap navigated to ${page.url()}` };
    const note = await shownNote(page, abbr);
    if (!note || !note.text.includes('miljoner kronor')) return { name, status: 'failed', detail: `explanation not shown: ${JSON.stringify(note)}` };
    // A tap elsewhere closes it.
    await page.touchscreen.tap(5, 420);
    await new Promise((r) => setTimeout(r, 200));
    if (await shownNote(page, abbr)) return { name, status: 'failed', detail: 'a tap elsewhere did not close the note' };
    return { name, status: 'passed', detail: note.text };
  } catch (error) {
    return { name, status: 'failed', detail: String(error).slice(0, 300) };
  } finally {
    await page.close();
  }
}

async function copyLink({ browser, server }, file, pick, label) {
  const name = `"Kopiera länk" at ${label} puts the exact address on the clipboard`;
  const page = await mobilePage(browser);
  try {
    await browser.defaultBrowserContext().overridePermissions(server.origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
    const url = server.url(file);
    await open(page, url);
    const anchor = await page.evaluate(pick);
    if (!anchor) return { name, status: 'failed', detail: `no target anchor on ${file}` };
    const button = await page.$(`[id="${anchor}"] .kopiera-lank button`);
    if (!button) return { name, status: 'failed', detail: `no "Kopiera länk" button at #${anchor}` };
    const info = await button.evaluate((b) => { const r = b.getBoundingClientRect(); return { w: r.width, h: r.height, label: b.getAttribute('aria-label') }; });
    if (info.w < 24 || info.h < 24) return { name, status: 'failed', detail: `button ${info.w}×${info.h} css px` };
    await page.evaluate(() => navigator.clipboard.writeText('(tom)'));
    await button.tap();
    await page.waitForFunction(() => document.querySelector('.kopiera-lank__status')?.textContent.includes('Länken är kopierad'), { timeout: 3000 }).catch(() => {});
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const expected = `${url}#${anchor}`;
    if (copied !== expected) return { name, status: 'failed', detail: `clipboard ${JSON.stringify(copied)}, expected ${JSON.stringify(expected)}` };
    const said = await page.evaluate(() => {
      const region = document.querySelector('.kopiera-lank__status');
      return region ? { text: region.textContent, live: region.getAttribute('aria-live'), role: region.getAttribute('role') } : null;
    });
    if (!said || said.text !== 'Länken är kopierad' || said.live !== 'polite') return { name, status: 'failed', detail: `live region: ${JSON.stringify(said)}` };
    if (page.url() !== url) return { name, status: 'failed', detail: `the page moved to ${page.url()}` };
    return { name, status: 'passed', detail: `${info.label}: ${copied}` };
  } catch (error) {
    return { name, status: 'failed', detail: String(error).slice(0, 300) };
  } finally {
    await page.close();
  }
}

export async function scenarios(context) {
  return [
    await tapTerm(context),
    await focusTerm(context),
    await tapAbbreviation(context),
    await copyLink(context, CLAUSE_PAGE, () => (document.getElementById('punkt-3-2-4') ? 'punkt-3-2-4' : null), `clause ${CLAUSE.slice(6).replaceAll('-', '.')}`),
    await copyLink(context, GUIDE_PAGE, () => document.querySelector('.md-content [id^="svar-"], .md-content [id^="fraga-"]')?.id || null, 'a guide answer'),
  ];
}
