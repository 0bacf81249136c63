// Block text: one paragraph per block element, scripts and hidden nodes left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContentScripts } from './helpers.mjs';

const { blockText } = loadContentScripts('page-text.js');

// A minimal DOM-like tree: what blockText reads (nodeType, nodeName, childNodes, nodeValue).
const text = (value) => ({ nodeType: 3, nodeValue: value });
const el = (name, ...children) => ({ nodeType: 1, nodeName: name.toUpperCase(), childNodes: children.map((c) => (typeof c === 'string' ? text(c) : c)) });

test('headings, paragraphs and list items become separate paragraphs', () => {
  const root = el('div',
    el('h2', 'Sharing'),
    el('p', 'We share data ', el('strong', 'with partners'), '.'),
    el('ul', el('li', 'Couriers'), el('li', 'Payment providers')));
  assert.equal(blockText(root), 'Sharing\n\nWe share data with partners.\n\n- Couriers\n\n- Payment providers');
});

test('script, style and aria-hidden subtrees are skipped; whitespace is collapsed', () => {
  const hidden = { ...el('div', 'secret'), getAttribute: (n) => (n === 'aria-hidden' ? 'true' : null) };
  const root = el('body', el('script', 'var x = "<p>"'), el('style', 'p{}'), hidden, el('p', '  We   keep\n data.  '));
  assert.equal(blockText(root), 'We keep data.');
});

test('inline elements do not split a sentence', () => {
  assert.equal(blockText(el('p', 'We ', el('a', 'may'), ' ', el('em', 'retain'), ' copies.')), 'We may retain copies.');
});

test('empty and odd input gives an empty string', () => {
  assert.equal(blockText(null), '');
  assert.equal(blockText(el('div')), '');
  assert.equal(blockText({ nodeType: 8, nodeValue: 'comment' }), '');
});
