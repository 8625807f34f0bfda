import { startServer, launchBrowser } from './common.mjs';
const server = await startServer('/tmp/oks-site');
const { browser, close } = await launchBrowser(server.port);
const page = await browser.newPage();
const desc = () => page.evaluate(() => { const e = document.activeElement; return `${e.tagName}.${e.className} ${e.getAttribute('href')||''}`; });
for (const mode of ['enter', 'down']) {
await page.goto(server.url(''), {waitUntil: 'networkidle0'});
for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
console.log(await desc());
await page.keyboard.type('sponsring');
await page.waitForSelector('.md-search-result__item', {visible: true});
if (mode === 'down') { await page.keyboard.press('ArrowDown'); console.log('after down', await desc()); }
const nav = page.waitForNavigation({timeout: 5000}).catch(e => 'no nav');
await page.keyboard.press('Enter');
console.log(mode, await nav && 'x', page.url(), await desc());
}
await close(); await server.close();
