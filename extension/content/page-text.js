/*
 * Plain text of a DOM subtree with paragraph breaks kept: headings, paragraphs and list items end
 * up on their own lines so the API's sentence splitter sees where one statement ends. Works on any
 * object with nodeType/nodeName/childNodes/nodeValue (a real DOM or a test fake).
 * Classic script (content scripts cannot be modules): adds `policygrade.blockText`.
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA']);
  const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
    'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
    'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'BR']);

  /** blockText(node) -> string: text with one line per block element and no runs of blank lines. */
  function blockText(node) {
    const parts = [];
    (function walk(n) {
      if (!n) return;
      if (n.nodeType === 3) { parts.push(String(n.nodeValue || '').replace(/\s+/g, ' ')); return; }
      if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
      const name = String(n.nodeName || '').toUpperCase();
      if (SKIP.has(name)) return;
      if (n.hidden === true || (n.getAttribute && n.getAttribute('aria-hidden') === 'true')) return;
      const block = BLOCK.has(name);
      if (block) parts.push('\n');
      if (name === 'LI') parts.push('- ');
      const kids = n.childNodes || [];
      for (let i = 0; i < kids.length; i += 1) walk(kids[i]);
      if (block) parts.push('\n');
    })(node);
    return parts.join('')
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
      .filter((line) => line && line !== '-')
      .join('\n\n');
  }

  ns.blockText = blockText;
})(globalThis);
