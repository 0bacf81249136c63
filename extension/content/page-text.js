/*
 * Plain text of a DOM subtree, laid out the way the API's sentence splitter expects and the way a
 * browser's innerText lays it out (the modern corpus is captured like that): one line per heading,
 * list item and block, table rows as tab-separated cells, paragraphs separated by a blank line.
 * Unlike innerText it reads the DOM, not what is rendered, so the text of collapsed accordion
 * sections counts once `expandCollapsed` has opened them (on a copy: never on the live page).
 * Works on any object with nodeType/nodeName/childNodes/nodeValue (a real DOM or a test fake).
 * Classic script (content scripts cannot be modules): adds `policygrade.blockText` and
 * `policygrade.expandCollapsed`.
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  // Never text: code, styles, media, form controls. BUTTON is kept only when it is an accordion
  // toggle (its label is the section's title), see keepButton.
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
    'IMG', 'PICTURE', 'SELECT', 'INPUT', 'TEXTAREA', 'OPTION', 'HEAD', 'TITLE', 'META', 'LINK', 'DIALOG']);
  // innerText's "required line break count" 1 (CSS display: block, list-item, table-row, ...).
  const BLOCK = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT',
    'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LEGEND',
    'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL']);
  // innerText's required line break count 2: a paragraph is set off by a blank line.
  const PARAGRAPH = new Set(['P']);
  const CELL = new Set(['TD', 'TH']);
  const HEADING = /^H[1-6]$/;

  function attr(n, name) {
    return n.getAttribute ? n.getAttribute(name) : null;
  }

  function isHidden(n) {
    return n.hidden === true || (attr(n, 'hidden') !== null && attr(n, 'hidden') !== undefined) || attr(n, 'aria-hidden') === 'true';
  }

  /** Accordion toggles and buttons inside headings carry a section title; other buttons are UI. */
  function keepButton(n, inHeading) {
    return inHeading || attr(n, 'aria-expanded') !== null || attr(n, 'aria-controls') !== null;
  }

  /** blockText(node) -> string, laid out as described at the top of this file. */
  function blockText(node) {
    // A stream of text pieces and break requests; consecutive breaks merge into the largest one.
    const out = [];
    let pendingBreak = 0; // 0 none, 1 newline, 2 blank line
    let started = false;
    function requestBreak(count) {
      if (started) pendingBreak = Math.max(pendingBreak, count);
    }
    function emit(text) {
      if (!text) return;
      // Whitespace between blocks is layout, not text: it must not turn a line break into a blank line.
      if (!text.trim() && (pendingBreak || !started)) return;
      if (pendingBreak) {
        out.push(pendingBreak === 2 ? '\n\n' : '\n');
        pendingBreak = 0;
      }
      out.push(text);
      started = true;
    }
    (function walk(n, pre, inHeading) {
      if (!n) return;
      if (n.nodeType === 3) {
        const value = String(n.nodeValue || '');
        if (pre) {
          value.split('\n').forEach((line, i) => { if (i) requestBreak(1); emit(line.replace(/\t/g, ' ')); });
        } else {
          emit(value.replace(/[\s\u00a0]+/g, ' '));
        }
        return;
      }
      if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
      const name = String(n.nodeName || '').toUpperCase();
      if (SKIP.has(name) || isHidden(n)) return;
      if (name === 'BUTTON' && !keepButton(n, inHeading)) return;
      if (name === 'BR') {
        if (started) { out.push('\n'); pendingBreak = 0; }
        return;
      }
      const heading = HEADING.test(name);
      const breaks = PARAGRAPH.has(name) ? 2 : (BLOCK.has(name) || heading ? 1 : 0);
      if (breaks) requestBreak(breaks);
      if (CELL.has(name) && n.previousElementSibling) emit('\t');
      const kids = n.childNodes || [];
      for (let i = 0; i < kids.length; i += 1) walk(kids[i], pre || name === 'PRE', inHeading || heading);
      if (breaks) requestBreak(breaks);
    })(node, false, false);
    // Trim each line (spaces only: tabs separate cells) and drop lines with nothing in them.
    return out.join('')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, '').replace(/ *\t */g, '\t'))
      .reduce((lines, line) => {
        if (/^[\s\t]*$/.test(line)) {
          if (lines.length && lines[lines.length - 1] !== '') lines.push('');
        } else {
          lines.push(line);
        }
        return lines;
      }, [])
      .join('\n')
      .trim();
  }

  /** Makes one collapsed panel readable: no hidden/aria-hidden/inert, no inline display:none. */
  function unhide(el) {
    if (!el || !el.removeAttribute) return;
    el.removeAttribute('hidden');
    el.removeAttribute('aria-hidden');
    el.removeAttribute('inert');
    if (el.style) {
      if (el.style.display === 'none') el.style.display = '';
      if (el.style.visibility === 'hidden') el.style.visibility = '';
    }
  }

  /**
   * Opens the collapsed sections of `rootNode` (a detached copy of the page): every <details>, the
   * panels that aria-expanded="false" toggles control (aria-controls, or the panel right after the
   * toggle or its heading, as in the WAI-ARIA accordion pattern), and hidden="until-found" panels.
   * Returns how many panels it opened.
   */
  function expandCollapsed(rootNode) {
    if (!rootNode || !rootNode.querySelectorAll) return 0;
    let opened = 0;
    for (const details of rootNode.querySelectorAll('details:not([open])')) {
      details.setAttribute('open', '');
      opened += 1;
    }
    const byId = (id) => {
      for (const el of rootNode.querySelectorAll('[id]')) if (el.id === id) return el;
      return null;
    };
    for (const toggle of rootNode.querySelectorAll('[aria-expanded="false"]')) {
      const ids = String(attr(toggle, 'aria-controls') || '').split(/\s+/).filter(Boolean);
      let panels = ids.map(byId).filter(Boolean);
      if (!panels.length) {
        // No aria-controls: the panel follows the toggle, or the heading that holds the toggle.
        const holder = toggle.parentElement && HEADING.test(toggle.parentElement.nodeName) ? toggle.parentElement : toggle;
        if (holder.nextElementSibling) panels = [holder.nextElementSibling];
      }
      for (const panel of panels) {
        unhide(panel);
        opened += 1;
      }
      toggle.setAttribute('aria-expanded', 'true');
    }
    for (const panel of rootNode.querySelectorAll('[hidden="until-found"]')) {
      unhide(panel);
      opened += 1;
    }
    return opened;
  }

  ns.blockText = blockText;
  ns.expandCollapsed = expandCollapsed;
})(globalThis);
