// Real Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi: installs the
// unpacked extension (BiDi webExtension.install), points it at the test API, opens a policy page
// and reads the tab's badge and the popup's quotes. Run by test_extension_firefox.py, which starts
// the API and the test site; prints one JSON object with what it saw (or {"error": ...}).
//   node tests/extension/firefox-e2e.mjs <apiBase> <policyUrl> <extensionDir>
import puppeteer from 'puppeteer-core';

const [apiBase, policyUrl, extensionDir] = process.argv.slice(2);
// A fixed internal UUID, so the test can open moz-extension:// pages (Firefox makes one up otherwise).
const UUID = '5f0c6b1e-3d2a-4c8e-9b7a-1e2f3a4b5c6d';
const ORIGIN = `moz-extension://${UUID}`;
const ADDON_ID = 'policygrade@policygrade.example';
const TIMEOUT_MS = 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Navigates to an extension page; Firefox's BiDi may never report its load, so do not wait for it. */
async function openExtensionPage(page, path) {
  await page.goto(`${ORIGIN}/${path}`, { timeout: 5000 }).catch(() => {});
  for (let i = 0; i < 50; i += 1) {
    const ready = await page.evaluate(() => document.readyState === 'complete' && typeof browser !== 'undefined').catch(() => false);
    if (ready) return;
    await sleep(100);
  }
  throw new Error(`extension page ${path} did not load`);
}

async function main() {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // Firefox 153 lets WebDriver navigate to moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // Every host name resolves to the loopback test servers (Chromium's --host-resolver-rules).
      'network.dns.forceResolve': '127.0.0.1',
      // MV3 host permissions are opt-in in Firefox; the user would grant them in the install prompt.
      'extensions.originControls.grantByDefault': true,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  try {
    const installed = await browser.installExtension(extensionDir);
    const control = await browser.newPage();
    await openExtensionPage(control, 'options/options.html');
    await control.evaluate((base) => browser.storage.local.set({ settings: { apiBase: base, autoCapture: true, changeAlerts: true } }), apiBase);
    const granted = await control.evaluate(() => browser.permissions.getAll());

    const page = await browser.newPage();
    await page.goto(policyUrl, { waitUntil: 'load' });

    let state = null;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline) {
      state = await control.evaluate(async (url) => {
        const all = await browser.storage.session.get(null);
        return Object.entries(all).filter(([k]) => k.startsWith('tab:')).map(([, v]) => v).find((s) => s.url === url) ?? null;
      }, policyUrl);
      if (state && !['looking_up', 'scoring'].includes(state.status)) break;
      await sleep(250);
    }
    if (!state) return { error: 'no tab state: the content script did not report the page', installed, granted };
    const badge = await control.evaluate(async (tabId) => ({
      text: await browser.action.getBadgeText({ tabId }),
      title: await browser.action.getTitle({ tabId }),
    }), state.tabId);

    await openExtensionPage(control, `popup/popup.html?tab=${state.tabId}`);
    let quotes = [];
    for (let i = 0; i < 100 && !quotes.length; i += 1) {
      quotes = await control.evaluate(() => Array.from(document.querySelectorAll('.evidence'), (e) => e.textContent));
      if (!quotes.length) await sleep(100);
    }
    const popupGrade = await control.evaluate(() => document.querySelector('.grade')?.textContent ?? null);
    return {
      installed,
      browserVersion: await browser.version(),
      status: state.status,
      source: state.source,
      reportId: state.reportId,
      grade: state.grade,
      badge,
      popupGrade,
      quotes,
    };
  } finally {
    await browser.close();
  }
}

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
    process.exitCode = 1;
  },
);
