import puppeteer from 'puppeteer-core';
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, args: ['--remote-allow-system-access'],
  extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({'policygrade@policygrade.example': '11111111-2222-3333-4444-555555555555'}), 'network.dns.forceResolve': '127.0.0.1' },
});
console.log('version', await browser.version());
const id = await browser.installExtension('/work/wt-issue-12/extension');
console.log('installed', id);
const page = await browser.newPage();
await page.goto('moz-extension://11111111-2222-3333-4444-555555555555/popup/popup.html?tab=1', {timeout: 5000}).catch(e=>console.log('goto', e.message));
console.log(page.url());
console.log(await page.evaluate(() => typeof browser.storage.session.get));
console.log(await page.evaluate(async () => JSON.stringify(await browser.storage.session.get(null))));
await browser.close();
