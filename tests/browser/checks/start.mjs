// The start page answers both audiences in a phone's first screen (issue 21): the guide "Får jag …?" with
// questions from it, the money (agreements, comparison, deadlines) and the search, each wholly inside the
// first 390 × 844 screen and not covered by the header. Scenarios: the search entry opens Material's
// search from the keyboard and gives the focus back when it closes; without JavaScript it is a link to a
// section of the page.

export const widths = [390];

export function applies(file) {
  return file === 'index.html';
}

// Links the first screen must show, by the path their href ends in (site-relative, as built).
const FIRST_SCREEN = [
  ['the guide "Får jag …?"', /(^|\/)samverkansregler\/far-jag\.html$/],
  ['a question of the guide', /(^|\/)samverkansregler\/far-jag(?:-fragor-[a-z0-9-]+)?\.html#fraga-[a-z0-9-]+$/],
  ['the agreements', /(^|\/)avtal\/index\.html$/],
  ['the comparison', /(^|\/)jamforelse\/index\.html$/],
  ['the deadlines', /(^|\/)tidsfrister\/index\.html$/],
];

/** In the page: which of the wanted elements are wholly in the first screen, visible and not covered. */
function firstScreen(wanted) {
  const header = document.querySelector('.md-header');
  const top = header ? header.getBoundingClientRect().bottom : 0;
  const shown = (el) => {
    const rects = [...el.getClientRects()];
    if (!rects.length) return false;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) return false;
    return rects.every((r) => r.width > 0 && r.height > 0 && r.top >= top - 0.5 && r.bottom <= innerHeight + 0.5 && r.left >= 0 && r.right <= innerWidth + 0.5)
      && rects.every((r) => {
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit && (hit === el || el.contains(hit));
      });
  };
  const article = document.querySelector('.md-content');
  const links = article ? [...article.querySelectorAll('a[href]')] : [];
  const found = wanted.map(([name, pattern]) => {
    const re = new RegExp(pattern);
    const candidates = links.filter((a) => re.test(a.getAttribute('href')));
    return { name, candidates: candidates.length, shown: candidates.filter(shown).length };
  });
  const search = document.querySelector('.md-content .start-sok__knapp');
  return {
    scrollY,
    found,
    search: search ? { tag: search.tagName, text: search.textContent.trim(), shown: shown(search) } : null,
  };
}

export async function check(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const result = await page.evaluate(firstScreen, FIRST_SCREEN.map(([name, re]) => [name, re.source]));
  const problems = [];
  for (const f of result.found) {
    if (!f.candidates) problems.push({ problem: `no link to ${f.name} on the start page`, detail: '' });
    else if (!f.shown) problems.push({ problem: `no link to ${f.name} wholly visible in the first 390 × 844 screen`, detail: `${f.candidates} link(s), none in view` });
  }
  if (!result.search) problems.push({ problem: 'no search entry (.start-sok__knapp) in the article', detail: '' });
  else {
    if (result.search.tag !== 'BUTTON') problems.push({ problem: 'with JavaScript the search entry is not a button', detail: result.search.tag });
    if (!result.search.shown) problems.push({ problem: 'the search entry is not wholly visible in the first 390 × 844 screen', detail: result.search.text });
    if (!/^Sök\b/.test(result.search.text)) problems.push({ problem: 'the search entry does not say "Sök …"', detail: result.search.text });
  }
  return problems;
}

const KEYBOARD = 'start page: the search entry opens the search from the keyboard and takes the focus back';
const NO_SCRIPT = 'start page without JavaScript: the search entry is a link to a section of the page, in the first screen';

export async function scenarios({ browser, server }) {
  const results = [];
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(server.url(''), { waitUntil: 'networkidle0' });
    const state = () => page.evaluate(() => ({
      open: document.getElementById('__search')?.checked ?? null,
      focus: document.activeElement?.matches('.md-search__input') ? 'field'
        : document.activeElement?.matches('.start-sok__knapp') ? 'button' : document.activeElement?.tagName,
      expanded: document.querySelector('.start-sok__knapp')?.getAttribute('aria-expanded'),
      visible: (() => {
        const field = document.querySelector('.md-search__input');
        const r = field?.getBoundingClientRect();
        return Boolean(r && r.width > 0 && r.height > 0 && getComputedStyle(field).visibility === 'visible');
      })(),
    }));
    // Reached by Tab from the top of the page, then opened with the keyboard.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('.start-sok__knapp') ?? false);
    }
    const steps = [];
    for (const key of ['Enter', ' ']) {
      await page.focus('.start-sok__knapp');
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      await page.waitForFunction(() => document.getElementById('__search')?.checked, { timeout: 3000 }).catch(() => {});
      await new Promise((r) => setTimeout(r, 400));
      const opened = await state();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.getElementById('__search')?.checked, { timeout: 3000 }).catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
      const closed = await state();
      steps.push({ key: key === ' ' ? 'Space' : key, opened, closed });
    }
    const ok = reached && steps.every((s) => s.opened.open && s.opened.focus === 'field' && s.opened.visible && s.opened.expanded === 'true'
      && !s.closed.open && s.closed.focus === 'button' && s.closed.expanded === 'false');
    results.push({ name: KEYBOARD, status: ok ? 'passed' : 'failed', detail: JSON.stringify({ reached, steps }) });
  } catch (error) {
    results.push({ name: KEYBOARD, status: 'failed', detail: String(error?.message || error).split('\n')[0] });
  } finally {
    await page.close();
  }
  const plain = await browser.newPage();
  try {
    await plain.setJavaScriptEnabled(false);
    await plain.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await plain.goto(server.url(''), { waitUntil: 'networkidle0' });
    const link = await plain.evaluate(() => {
      const a = document.querySelector('.md-content a.start-sok__knapp[href^="#"]');
      if (!a) return null;
      const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      const r = a.getBoundingClientRect();
      return { text: a.textContent.trim(), target: Boolean(target), inView: r.top >= 0 && r.bottom <= innerHeight, height: r.height };
    });
    const ok = Boolean(link && link.target && link.inView && link.height >= 24);
    results.push({ name: NO_SCRIPT, status: ok ? 'passed' : 'failed', detail: JSON.stringify(link) });
  } catch (error) {
    results.push({ name: NO_SCRIPT, status: 'failed', detail: String(error?.message || error).split('\n')[0] });
  } finally {
    await plain.close();
  }
  return results;
}
