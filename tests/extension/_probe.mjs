import { parseHTML } from 'linkedom';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadContentScripts } from './helpers.mjs';
const pg = loadContentScripts('policy-page.js', 'page-text.js');
for (const [url, file] of [
  ['https://www.brightwater.test/brightwater/privacy-policy.html','brightwater/privacy-policy.html'],
  ['https://www.fernhill.test/fernhill/legal/privacy.html','fernhill/legal/privacy.html'],
  ['https://www.meridian.test/meridian/privacy.html','meridian/privacy.html'],
  ['https://www.pebble.test/pebble/privacy-policy.html','pebble/privacy-policy.html'],
  ['https://www.quayside.test/quayside/legal/document.html','quayside/legal/document.html'],
  ['https://www.osprey.test/osprey/privacy.html','osprey/privacy.html'],
  ['https://www.osprey.test/osprey/privacy.html','osprey/privacy-v2.html'],
  ['https://news.test/2026/11/reading-privacy-policies.html','news/2026/11/reading-privacy-policies.html'],
  ['https://docs.google.com/document/d/1Qx7DraftPolicy/edit','lookalike/document/d/1Qx7DraftPolicy/edit.html'],
  ['https://shop.policygrade.test/privacy.html','privacy.html'],
  ['https://www.kranich.test/kranich/datenschutz.html','kranich/datenschutz.html'],
  ['https://shop.policygrade.test/blog/privacy-tips.html','blog/privacy-tips.html'],
  ['https://shop.policygrade.test/','index.html'],
]) {
  const { document } = parseHTML(readFileSync('tests/extension/site/' + file, 'utf8'));
  const copy = document.documentElement.cloneNode(true);
  pg.expandCollapsed(copy);
  const body = copy.querySelector('body');
  const text = pg.blockText(body);
  const headings = [...copy.querySelectorAll('h1, h2')].map((h) => h.textContent.trim());
  const title = document.querySelector('title')?.textContent ?? '';
  const types = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)['@type']);
  const d = pg.detectPolicyPage({ url, title, headings, text, types });
  console.log(file, JSON.stringify(d));
  writeFileSync('/tmp/fx/t/' + file.replace(/\//g, '_') + '.txt', text);
}
