// tests/browser/checks/guide_pages.mjs
// "Får jag …?" as pages people land on, at 390 px (a phone, 844 px high):
//
// check:     on every guide page (the entry samverkansregler/far-jag.html and its situation and
//            question pages far-jag-*.html) every answer block, from its anchor (an element whose id
//            starts "svar-" or "fraga-") to the next answer's anchor (or, for the last answer of a
//            page, to the end of the answer's own elements), is at most two phone screens tall
//            (MAX_ANSWER_PX = 2 × 844), and the page itself at most twelve (MAX_PAGE_PX = 12 × 844).
// scenarios: every old link samverkansregler/far-jag.html#<id> (every answer, question and situation
//            id of data/far-jag.json) lands on a page that has the element with that id, on the page
//            far-jag.json names for it, with the element scrolled into view.

export const widths = [390];

const SCREEN_PX = 844;
export const MAX_ANSWER_PX = 2 * SCREEN_PX; // 1 688
export const MAX_PAGE_PX = 12 * SCREEN_PX; // 10 128
const ENTRY = 'samverkansregler/far-jag.html';
const MAX_FAILURES = 5;

export function applies(file) {
  return /^samverkansregler\/far-jag(-[a-z0-9-]+)?\.html$/.test(file);
}

/** Runs in the page: the page's height and each answer block's height, in css px. */
export function measure() {
  const isAnswer = (el) => el.matches('[id^="svar-"], [id^="fraga-"]');
  const anchors = [...document.querySelectorAll('article [id^="svar-"], article [id^="fraga-"]')];
  const blocks = anchors.map((anchor) => {
    const top = anchor.getBoundingClientRect().top;
    let bottom = anchor.getBoundingClientRect().bottom;
    let next = anchor.nextElementSibling;
    // The answer's own elements: up to the next answer, or the next heading that is not an answer.
    while (next && !isAnswer(next) && !/^H[1-6]$/.test(next.tagName)) {
      bottom = Math.max(bottom, next.getBoundingClientRect().bottom);
      next = next.nextElementSibling;
    }
    const end = next && isAnswer(next) ? next.getBoundingClientRect().top : bottom;
    return { id: anchor.id, height: Math.round(end - top) };
  });
  return { height: document.documentElement.scrollHeight, blocks };
}

export async function check(page, { file, width }) {
  const problems = [];
  const { height, blocks } = await page.evaluate(measure);
  if (height > MAX_PAGE_PX) {
    problems.push({ problem: 'guide page taller than twelve phone screens', detail: `${file} at ${width} px: ${height} px > ${MAX_PAGE_PX} px (${blocks.length} answers)` });
  }
  for (const block of blocks) {
    if (block.height > MAX_ANSWER_PX) {
      problems.push({ problem: 'answer taller than two phone screens', detail: `${file}#${block.id} at ${width} px: ${block.height} px > ${MAX_ANSWER_PX} px` });
    }
  }
  return problems;
}

/** Every id an old link to the one-page guide may carry, with the page far-jag.json gives for it. */
async function oldLinks(server) {
  const response = await fetch(server.url('data/far-jag.json'));
  if (!response.ok) throw new Error(`data/far-jag.json: HTTP ${response.status}`);
  const guide = await response.json();
  const targets = new Map();
  for (const answer of [...guide.answers, ...guide.questions]) {
    const [page, id] = answer.url.split('#');
    targets.set(id, page);
    // A situation's own anchor is on the page of its answers.
    if (answer.situation) targets.set(`situation-${answer.situation}`, page);
  }
  return targets;
}

/** Runs in the page: whether the element exists and is in the viewport (below Material's sticky header is fine). */
function landed(id) {
  const el = document.getElementById(id);
  if (!el) return { found: false };
  const rect = el.getBoundingClientRect();
  return { found: true, top: Math.round(rect.top), bottom: Math.round(rect.bottom), inView: rect.top >= -1 && rect.top < window.innerHeight && rect.bottom > 0, path: location.pathname };
}

export async function scenarios({ browser, server }) {
  const results = [];
  let targets;
  try {
    targets = await oldLinks(server);
  } catch (error) {
    return [{ name: 'old far-jag.html#id links', status: 'failed', detail: `could not read data/far-jag.json: ${error.message}` }];
  }
  const failures = [];
  const entries = [...targets];
  let next = 0;
  // A few tabs at once: each load mostly waits (the redirect, the scroll), so they overlap well.
  const tab = async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: SCREEN_PX, isMobile: true, hasTouch: true });
    // Search is not under test here: leaving out its index (hundreds of kB parsed on every page) keeps 175 page loads quick.
    await page.setRequestInterception(true);
    page.on('request', (request) => (/\/search\/|search-sv\.js/.test(new URL(request.url()).pathname) ? request.abort() : request.continue()));
    try {
      while (next < entries.length && failures.length < MAX_FAILURES) {
        const [id, expected] = entries[next++];
        const url = `${server.url(ENTRY)}#${id}`;
        let state = { found: false };
        try {
          await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30000 });
          // The entry page sends the reader on with location.replace(): wait for the page that has the element.
          await page.waitForFunction((anchor) => document.readyState !== 'loading' && !!document.getElementById(anchor), { timeout: 10000, polling: 50 }, id);
          // Let the browser finish scrolling to the fragment.
          await page.waitForFunction((anchor) => { const r = document.getElementById(anchor).getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight; }, { timeout: 2000, polling: 50 }, id).catch(() => {});
          state = await page.evaluate(landed, id);
        } catch (error) {
          state = { found: false, error: error.message.split('\n')[0], path: await page.evaluate(() => location.pathname).catch(() => '?') };
        }
        const onExpected = state.path ? decodeURIComponent(state.path).endsWith('/' + expected) : false;
        // Each failure waits out a timeout: a few are enough to show what is wrong.
        if (!state.found || !state.inView || !onExpected) failures.push({ id, expected, ...state });
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all([tab(), tab(), tab()]);
  results.push({
    name: `old far-jag.html#id links land on their answer (${targets.size} ids)`,
    status: failures.length ? 'failed' : 'passed',
    detail: failures.length ? `${JSON.stringify(failures)}${failures.length >= MAX_FAILURES ? ` (stopped after ${MAX_FAILURES} failures)` : ''}` : `${targets.size} ids, each on its page and in view`,
  });
  return results;
}
