// tests/browser/checks/cards.mjs: every table cell can be read on a phone (issue 21, "Cards people can read").
//
// At 390 px, in every table of the article (stacked cards, scrolling tables and tables that fit alike):
//  - no word of four or more letters is broken across lines, in a cell's text (each word's
//    Range.getClientRects(): a word whose boxes lie on more than one line is broken) nor in a card's
//    column label (painted by CSS from data-etikett, so measured against the width of its box);
//  - no amount (digits grouped by spaces, then "kr", "mnkr", "tkr" or "%") and no date ("4 mars 2026",
//    "2026-03-04") wraps;
//  - in a card, no value is squeezed into the label's column while the value column stays empty: no
//    value text left of a two-column card's value column, no value of several lines that keeps to the
//    left half of the card, and no label shown without a value (an empty card or an empty line of one).
// The measuring runs in the page (inspect below) and changes nothing.
// Scenario: the same cards without JavaScript, marked at build time and laid out by CSS, so they are there at the
// first paint (when a script turned tables into cards after load, Tidsfrister jumped: Lighthouse's layout shift 0.26).

export const widths = [390];

export function applies() {
  return true;
}

/** Runs in the page: the findings, grouped by kind, each with up to `limit` examples. */
function inspect(limit) {
  const LETTERS = /\p{L}{4,}/gu;
  const AMOUNT = /(?<![\d,.])[−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?[ \u00a0\u202f]?(?:mnkr|tkr|kr|%)(?!\p{L})/gu;
  const MONTHS = 'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december';
  const DATE = new RegExp(`(?<!\\d)(?:\\d{1,2}[ \\u00a0](?:${MONTHS})[ \\u00a0]\\d{4}|\\d{4}-\\d{2}-\\d{2})(?!\\d)`, 'gu');
  const found = new Map();
  const add = (kind, example) => {
    if (!found.has(kind)) found.set(kind, { count: 0, examples: [] });
    const entry = found.get(kind);
    entry.count += 1;
    if (entry.examples.length < limit) entry.examples.push(example);
  };

  /** The cell's text with a map back to its text nodes; <br> and block boundaries count as a line break. */
  const textOf = (cell) => {
    const parts = [];
    let text = '';
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'BR' || getComputedStyle(node).display === 'block') text += '\n';
        continue;
      }
      parts.push({ node, start: text.length });
      text += node.data;
    }
    // A start offset lies in the node where it is < the node's end, an end offset in the node where it is > its start.
    const locate = (offset, end) => {
      const p = parts.find((q) => (end ? offset > q.start : offset >= q.start)
        && (end ? offset <= q.start + q.node.data.length : offset < q.start + q.node.data.length)) || parts[parts.length - 1];
      return { node: p.node, offset: Math.max(0, Math.min(offset - p.start, p.node.data.length)) };
    };
    const range = (from, to) => {
      const r = document.createRange();
      const a = locate(from, false);
      const b = locate(to, true);
      r.setStart(a.node, a.offset);
      r.setEnd(b.node, b.offset);
      return r;
    };
    return { text, range, empty: !parts.length };
  };

  /** How many lines the boxes of a range lie on (boxes overlapping vertically by half are one line). */
  const lines = (rects) => {
    const boxes = [...rects].filter((r) => r.width > 0.5 && r.height > 0.5).sort((a, b) => a.top - b.top);
    let count = 0;
    let bottom = -Infinity;
    for (const r of boxes) {
      if (r.top >= bottom - Math.min(r.height, 8) / 2) {
        count += 1;
        bottom = r.bottom;
      } else {
        bottom = Math.max(bottom, r.bottom);
      }
    }
    return count;
  };

  const canvas = document.createElement('canvas').getContext('2d');
  const where = (table, cell) => {
    const row = cell.parentElement;
    const label = cell.getAttribute('data-etikett') || '';
    return `table ${[...document.querySelectorAll('article table')].indexOf(table) + 1}, row ${row.rowIndex + 1}${label ? `, ${label}` : ''}`;
  };
  const shorten = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 60);

  for (const table of document.querySelectorAll('article table')) {
    // Shown as cards: a table marked data-kort (generator/pagemarks.py) that extra.css displays as blocks here.
    const cards = table.hasAttribute('data-kort') && getComputedStyle(table).display === 'block';
    for (const cell of table.querySelectorAll('th, td')) {
      const box = cell.getBoundingClientRect();
      const style = getComputedStyle(cell);
      if (box.width < 4 || box.height < 4 || style.display === 'none' || style.visibility !== 'visible') continue;
      if (cards && cell.closest('thead')) continue; // visually hidden column names; each card shows them as labels
      const at = where(table, cell);
      const { text, range, empty } = textOf(cell);

      for (const m of text.matchAll(LETTERS)) {
        if (lines(range(m.index, m.index + m[0].length).getClientRects()) > 1) add('word broken across lines in a table cell', `"${m[0]}" (${at})`);
      }
      for (const [pattern, kind] of [[AMOUNT, 'amount wraps in a table cell'], [DATE, 'date wraps in a table cell']]) {
        for (const m of text.matchAll(pattern)) {
          if (lines(range(m.index, m.index + m[0].length).getClientRects()) > 1) add(kind, `"${m[0].replace(/[\u00a0\u202f]/g, ' ')}" (${at})`);
        }
      }

      if (!cards || !cell.hasAttribute('data-etikett')) continue;
      const label = getComputedStyle(cell, '::before');
      const labelShown = label.content !== 'none' && label.content !== 'normal' && label.display !== 'none';
      const contentLeft = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const contentWidth = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (labelShown) {
        canvas.font = `${label.fontStyle} ${label.fontWeight} ${label.fontSize} ${label.fontFamily}`;
        const labelWidth = parseFloat(label.width);
        for (const m of (cell.getAttribute('data-etikett') || '').matchAll(LETTERS)) {
          if (labelWidth > 0 && canvas.measureText(m[0]).width > labelWidth + 1) add('label word broken across lines in a card', `"${m[0]}" in ${labelWidth.toFixed(0)} px (${at})`);
        }
      }
      const value = text.trim();
      if (!value) {
        if (labelShown) add('card label without a value (empty card or empty line)', at);
        continue;
      }
      if (empty) continue;
      const all = range(0, text.length);
      const rects = [...all.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
      if (!rects.length) continue;
      // A two-column card (the label a grid column): no value text may sit in the label's column.
      if (labelShown && style.display === 'grid') {
        const tracks = style.gridTemplateColumns.split(' ').map(parseFloat);
        if (tracks.length > 1 && tracks[0] > 0) {
          const valueStart = contentLeft + tracks[0] + (parseFloat(style.columnGap) || 0);
          if (rects.some((r) => r.left < valueStart - 1)) add('value text in the label column of a card', `"${shorten(value)}" (${at})`);
        }
      }
      // A value of several lines that keeps to the left half, the right of the card empty.
      const right = Math.max(...rects.map((r) => r.right));
      if (lines(rects) > 2 && right < contentLeft + contentWidth / 2) {
        add('value squeezed into a narrow column, the rest of the card empty', `"${shorten(value)}" ${lines(rects)} lines within ${(right - contentLeft).toFixed(0)} of ${contentWidth.toFixed(0)} px (${at})`);
      }
    }
  }
  return [...found].map(([problem, { count, examples }]) => ({ problem, count, detail: `${count}: ${examples.join('; ')}${count > examples.length ? '; …' : ''}` }));
}

export async function check(page) {
  return page.evaluate(inspect, 6);
}

// Pages whose source tables are cards on a phone: the 2026 agreement and Tidsfrister.
const CARD_PAGES = ['avtal/psykisk-halsa-2026.html', 'tidsfrister/'];
const NO_SCRIPT = 'without JavaScript at 390 px, the source tables are cards: every value under or beside its label (from the build, laid out by CSS), no word broken, no value squeezed';
/* Without JavaScript an amount or a date in running text may still wrap: tabeller.js wraps those in span.belopp or
   span.datum (the generator wraps the ones it formats itself); the other findings of inspect must be absent. */
const SCRIPT_ONLY = new Set(['amount wraps in a table cell', 'date wraps in a table cell']);

/** Runs in the page: each table marked data-kort, whether it is shown as cards with its labels painted. */
function cardTables() {
  return [...document.querySelectorAll('article table[data-kort]')].map((table) => {
    // A group row (only its first cell has text) is a heading of the cards below it, without labels.
    const group = (row) => row.cells[0].textContent.trim() && [...row.cells].slice(1).every((cell) => !cell.textContent.trim());
    const cells = [...table.querySelectorAll('tbody td[data-etikett]')].filter((cell) => !group(cell.parentElement));
    const painted = cells.filter((cell) => {
      const label = getComputedStyle(cell, '::before').content;
      return label && label !== 'none' && label !== 'normal';
    });
    return { display: getComputedStyle(table).display, cells: cells.length, painted: painted.length, headHidden: table.tHead ? table.tHead.getBoundingClientRect().width <= 1 : true };
  });
}

export async function scenarios({ browser, server }) {
  const results = [];
  const plain = await browser.newPage();
  try {
    await plain.setJavaScriptEnabled(false);
    await plain.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const pages = {};
    for (const path of CARD_PAGES) {
      await plain.goto(server.url(path), { waitUntil: 'load' });
      const problems = (await plain.evaluate(inspect, 3)).filter((p) => !SCRIPT_ONLY.has(p.problem));
      pages[path] = { tables: await plain.evaluate(cardTables), problems };
    }
    const ok = Object.values(pages).every((p) => p.tables.length > 0 && p.problems.length === 0
      && p.tables.every((t) => t.display === 'block' && t.cells > 0 && t.painted === t.cells && t.headHidden));
    results.push({ name: NO_SCRIPT, status: ok ? 'passed' : 'failed', detail: JSON.stringify(pages) });
  } catch (error) {
    results.push({ name: NO_SCRIPT, status: 'failed', detail: String(error?.message || error).split('\n')[0] });
  } finally {
    await plain.close();
  }
  return results;
}
