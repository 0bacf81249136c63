// Block text: innerText's layout (one line per heading, list item and row; tab-separated cells; a
// blank line around paragraphs), read from the DOM so collapsed sections count once opened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { loadContentScripts } from './helpers.mjs';
import { siteHtml } from './site-pages.mjs';

const { blockText, expandCollapsed } = loadContentScripts('page-text.js');
const body = (html) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body;

test('headings and list items get one line each, paragraphs a blank line around them', () => {
  const root = body(`<h2>Sharing</h2>
    <p>We share data <strong>with partners</strong>.</p>
    <p>Acme Hosting may disclose:</p>
    <ul>
      <li>to couriers;</li>
      <li>to payment providers.</li>
    </ul>
    <h3>Next</h3><div>Kept for a year.</div>`);
  assert.equal(blockText(root), 'Sharing\n\nWe share data with partners.\n\nAcme Hosting may disclose:\n\nto couriers;\nto payment providers.\nNext\nKept for a year.');
});

test('table rows are lines of tab-separated cells', () => {
  const root = body('<table><tr><th>Purpose</th><th>Legal basis</th></tr><tr><td>Billing</td><td>Contract</td></tr></table>');
  assert.equal(blockText(root), 'Purpose\tLegal basis\nBilling\tContract');
});

test('script, style, aria-hidden and ordinary buttons are skipped; accordion toggles are kept', () => {
  const root = body(`<script>var x = "<p>";</script><style>p{}</style><div aria-hidden="true">secret</div>
    <p>  We   keep
     data.  </p><button>Accept all cookies</button>
    <h2><button aria-expanded="true" aria-controls="x">Retention</button></h2><div id="x">Thirty days.</div>`);
  assert.equal(blockText(root), 'We keep data.\n\nRetention\nThirty days.');
});

test('inline elements do not split a sentence; <br> does', () => {
  assert.equal(blockText(body('<p>We <a>may</a> <em>retain</em> copies.<br>New line.</p>')), 'We may retain copies.\nNew line.');
});

test('expandCollapsed opens <details>, aria-controls panels, panels after a heading toggle, and hidden=until-found', () => {
  const root = body(`<details><summary>One</summary><p>Text one.</p></details>
    <h2><button aria-expanded="false" aria-controls="p2">Two</button></h2><div id="p2" hidden aria-hidden="true"><p>Text two.</p></div>
    <h2><button aria-expanded="false">Three</button></h2><div hidden><p>Text three.</p></div>
    <div hidden="until-found"><p>Text four.</p></div>
    <div hidden><p>A closed dialog stays out.</p></div>`);
  assert.equal(blockText(root).includes('Text two'), false);
  assert.equal(expandCollapsed(root), 4);
  const text = blockText(root);
  for (const part of ['Text one.', 'Text two.', 'Text three.', 'Text four.']) assert.ok(text.includes(part), part);
  assert.ok(!text.includes('A closed dialog'));
});

test('the accordion page\u2019s collapsed sections are read from the DOM', () => {
  const { document } = parseHTML(siteHtml('fernhill/legal/privacy.html'));
  const copy = document.body.cloneNode(true);
  expandCollapsed(copy);
  const text = blockText(copy);
  assert.match(text, /Tracking for this purpose cannot be switched off in the app/);
  assert.match(text, /\nWhen data is disclosed\n\nData is disclosed to the storage provider/);
  // The live page is untouched: only the copy was opened.
  assert.equal(document.querySelector('#sec-use').hasAttribute('hidden'), true);
});

test('empty and odd input gives an empty string', () => {
  assert.equal(blockText(null), '');
  assert.equal(blockText(body('')), '');
  assert.equal(blockText({ nodeType: 8, nodeValue: 'comment' }), '');
  assert.equal(expandCollapsed(null), 0);
});
