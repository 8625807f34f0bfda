import { startServer, launchBrowser } from './common.mjs';
const server = await startServer('/tmp/oks-site');
const { browser, close } = await launchBrowser(server.port);
const page = await browser.newPage();
await page.goto(server.url(''), {waitUntil: 'networkidle0'});
for (let i = 0; i < 70; i++) {
  await page.keyboard.press('Tab');
  const d = await page.evaluate(() => {
    const e = document.activeElement; const cs = getComputedStyle(e); const r = e.getBoundingClientRect();
    return `${e.tagName}.${(e.className||'').toString().slice(0,30)} [${(e.getAttribute('href')||e.getAttribute('for')||'').slice(0,30)}] "${(e.textContent||'').trim().slice(0,20)}" outline=${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} shadow=${cs.boxShadow} rect=${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}x${Math.round(r.height)} vis=${e.checkVisibility?.({visibilityProperty:true, opacityProperty:true})} fv=${e.matches(':focus-visible')}`;
  });
  console.log(i, d);
}
await close(); await server.close();
