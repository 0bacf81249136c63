// The test site's pages as the content script sees them: parsed into a DOM (linkedom), collapsed
// sections opened, text laid out by blockText. Shared by the detection and extraction unit tests.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { loadContentScripts } from './helpers.mjs';

const pg = loadContentScripts('policy-page.js', 'page-text.js');

/** The raw HTML of tests/extension/site/<path>. */
export function siteHtml(path) {
  return readFileSync(new URL(`./site/${path}`, import.meta.url), 'utf8');
}

/** `{url, title, headings, text, types}` of a site page, for detectPolicyPage. */
export function pageModel(url, path) {
  const { document } = parseHTML(siteHtml(path));
  const copy = document.documentElement.cloneNode(true);
  pg.expandCollapsed(copy);
  const types = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)['@type']);
  return {
    url,
    title: document.querySelector('title')?.textContent ?? '',
    headings: [...copy.querySelectorAll('h1, h2')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
    text: pg.blockText(copy.querySelector('body')),
    types,
  };
}
