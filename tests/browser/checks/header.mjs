// The phone header names the site in full, not "Överenskommelser och sa…" (issue 21): below 600 px it
// shows the short name (mkdocs.yml extra.short_name), whole; the full name stays the header's text for
// screen readers (visually hidden, not display:none), and the short one is hidden from them.

export const widths = [390];

export function applies(file) {
  return file !== '404.html';
}

export async function check(page) {
  const state = await page.evaluate(() => {
    const topic = document.querySelector('.md-header__title .md-header__topic:not([data-md-component])');
    if (!topic) return null;
    const ellipsis = topic.querySelector('.md-ellipsis');
    const rendered = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible';
    const visible = (el) => rendered(el) && el.getBoundingClientRect().width > 1;
    // The text a screen reader gets: rendered text (visually hidden counts), nothing under aria-hidden.
    const spoken = [];
    const seen = [];
    const walker = document.createTreeWalker(ellipsis || topic, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.data.trim() || !rendered(parent)) continue;
      if (!parent.closest('[aria-hidden="true"]')) spoken.push(node.data.trim());
      if (visible(parent)) seen.push(node.data.trim());
    }
    return {
      cut: ellipsis ? ellipsis.scrollWidth > ellipsis.clientWidth + 1 : null,
      seen: seen.join(' '),
      spoken: spoken.join(' '),
      title: document.title,
    };
  });
  if (!state) return [{ problem: 'no site name in the header', detail: '' }];
  const problems = [];
  const site = state.title.split(' - ').at(-1).trim();
  if (state.cut) problems.push({ problem: 'the site name in the phone header is cut off', detail: state.seen });
  if (state.spoken !== site) problems.push({ problem: 'a screen reader does not get the full site name from the header', detail: `${JSON.stringify(state.spoken)}, site name ${JSON.stringify(site)}` });
  return problems;
}
