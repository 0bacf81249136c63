/*
 * Content script entry (classic script, runs last): finds and extracts, nothing else.
 * On load, again after each in-page navigation of a single-page app (url-watch.js), and again when
 * content rendered late by script has settled (late-content.js), it reports the page to the service
 * worker: URL, title, whether it is a candidate policy (policy-page.js, judged on the page's DOM text
 * with collapsed sections opened) and the site's policy link (policy-links.js). A click on a link
 * named "Privacy Policy" is reported too (only its address and text), so the page it leads to counts
 * as named. No page text leaves this script until the service worker asks for it ("extract"), which
 * it does only for candidates with automatic capture on, or when the user presses a button.
 */
(function () {
  'use strict';
  // Same rule as extension/lib/webext.js (classic scripts cannot import it).
  const webext = globalThis.browser ?? globalThis.chrome;
  const pg = globalThis.policygrade;
  const MAX_LINKS = 3000;
  const MAX_HEADINGS = 30;
  const FOOTER = 'footer, [role="contentinfo"], #footer, .footer, .site-footer, #site-footer';
  // Page furniture inside a main region that is not the policy: menus, sidebars, dialogs.
  const CHROME = 'nav, aside, [role="navigation"], [role="complementary"], [role="dialog"], [role="alertdialog"], [aria-modal="true"], [role="search"]';
  // The page's own main region is the policy's text when it holds at least this share of the page.
  const MAIN_REGION_SHARE = 0.4;
  const MIN_TEXT_CHARS = 200;
  const newPageId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let pageId = newPageId();

  /** Replaces lone UTF-16 surrogates (a hostile title can hold one) with U+FFFD. */
  function wellFormed(text) {
    return String(text).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  /** A detached copy of the document with its collapsed sections open. */
  function expandedCopy(doc) {
    const copy = doc.cloneNode(true);
    pg.expandCollapsed(copy.body || copy.documentElement);
    return copy;
  }

  function headingsOf(copy) {
    return Array.from(copy.querySelectorAll('h1, h2, [role="heading"][aria-level="1"], [role="heading"][aria-level="2"]'))
      .slice(0, MAX_HEADINGS)
      .map((h) => h.textContent.replace(/\s+/g, ' ').trim());
  }

  function linkDescriptors(doc) {
    const links = [];
    for (const l of doc.querySelectorAll('link[rel~="privacy-policy"][href]')) {
      links.push({ href: l.href, text: '', rel: l.getAttribute('rel') || '', ariaLabel: '', title: '', inFooter: false });
    }
    const anchors = Array.from(doc.querySelectorAll('a[href]'));
    // Keep the end of long pages: the site footer, where policy links live, comes last.
    for (const a of anchors.slice(-MAX_LINKS)) links.push(describe(a));
    return links;
  }

  function describe(a) {
    return {
      href: a.href,
      text: a.textContent || '',
      rel: a.getAttribute('rel') || '',
      ariaLabel: a.getAttribute('aria-label') || '',
      title: a.getAttribute('title') || '',
      inFooter: Boolean(a.closest(FOOTER)),
    };
  }

  /** The single <main> (or role=main, or single <article>) of a copy, without menus and sidebars. */
  function mainRegion(copy) {
    for (const selector of ['main, [role="main"]', 'article']) {
      const found = copy.querySelectorAll(selector);
      if (found.length === 1) {
        for (const junk of found[0].querySelectorAll(CHROME)) junk.remove();
        return found[0];
      }
    }
    return null;
  }

  /** Readability's article text, laid out by blockText, or '' when it finds no article. */
  function readabilityText(doc) {
    try {
      // Readability mutates the document it is given: always hand it a copy.
      const article = new Readability(expandedCopy(doc), { charThreshold: 300 }).parse();
      if (!article || !article.content) return '';
      // DOMParser builds an inert document: nothing in it runs or loads.
      return pg.blockText(new DOMParser().parseFromString(article.content, 'text/html').body);
    } catch (e) {
      return '';
    }
  }

  /**
   * The policy text of a document: its main region when the page marks one that holds most of the
   * text (headings, lists and tables kept as they are), else Readability's article, else the body.
   */
  function extractFrom(doc, url) {
    const copy = expandedCopy(doc);
    const body = copy.body || copy.documentElement;
    const region = mainRegion(copy);
    const regionText = region ? pg.blockText(region) : '';
    for (const junk of body.querySelectorAll(CHROME)) junk.remove();
    const bodyText = pg.blockText(body);
    let text = regionText.length >= MIN_TEXT_CHARS && regionText.length >= MAIN_REGION_SHARE * bodyText.length ? regionText : '';
    if (!text) text = readabilityText(doc);
    if (text.length < MIN_TEXT_CHARS) text = bodyText;
    return { ok: true, text, title: wellFormed(doc.title || '').slice(0, 500), url };
  }

  /** The schema.org types the page declares for itself (JSON-LD @type, microdata itemtype). */
  function declaredTypes(doc) {
    const types = [];
    const collect = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 4 || types.length > 50) return;
      if (Array.isArray(node)) { node.forEach((n) => collect(n, depth + 1)); return; }
      const type = node['@type'];
      for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') types.push(t);
      if (node['@graph']) collect(node['@graph'], depth + 1);
    };
    for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, 10)) {
      try { collect(JSON.parse(script.textContent || 'null'), 0); } catch (e) { /* not JSON: ignore */ }
    }
    for (const el of Array.from(doc.querySelectorAll('[itemtype]')).slice(0, 20)) types.push(...String(el.getAttribute('itemtype')).split(/\s+/));
    return types.filter(Boolean).slice(0, 50);
  }

  function judge() {
    const copy = expandedCopy(document);
    const text = pg.blockText(copy.body || copy.documentElement);
    return pg.detectPolicyPage({ url: location.href, title: document.title, headings: headingsOf(copy), text, types: declaredTypes(document) });
  }

  function report() {
    const detection = judge();
    const policyLink = detection.isPolicy ? null : pg.findPolicyLink({ links: linkDescriptors(document), pageUrl: location.href });
    webext.runtime.sendMessage({ type: 'page', pageId, url: location.href, title: wellFormed(document.title).slice(0, 500), detection, policyLink }).catch(() => {
      /* the service worker is restarting or the extension was reloaded: nothing to do */
    });
  }

  webext.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || sender.id !== webext.runtime.id || message.pageId !== pageId) return false;
    if (message.type === 'extract') {
      sendResponse(extractFrom(document, location.href));
      return false;
    }
    if (message.type === 'extract-html' && typeof message.html === 'string' && typeof message.url === 'string') {
      const doc = new DOMParser().parseFromString(message.html, 'text/html');
      // Relative links and Readability's URL handling need the fetched page's address as the base.
      const base = doc.createElement('base');
      base.href = message.url;
      doc.head.prepend(base);
      sendResponse(extractFrom(doc, message.url));
      return false;
    }
    return false;
  });

  // A click (mouse, or Enter on a focused link) on a link named like a policy: the page it opens is
  // named by that link, even when its own URL, title and headings say nothing ("/legal?doc=7").
  function onLinkActivated(event) {
    const a = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    if (!a || !/^https?:/i.test(a.href) || !pg.linkNamesPolicy(describe(a))) return;
    webext.runtime.sendMessage({ type: 'link-followed', url: a.href, text: (a.textContent || a.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 200) }).catch(() => {});
  }
  document.addEventListener('click', onLinkActivated, true);
  document.addEventListener('auxclick', onLinkActivated, true);

  const timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) };
  const observeDom = (onMutation) => {
    const observer = new MutationObserver(onMutation);
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  };

  // Content rendered by script after load (no URL change): judge the page again once it settles.
  const late = pg.createLateContentWatcher({
    timers,
    observe: observeDom,
    measure: () => (document.body ? document.body.textContent.length : 0),
    onSettled() {
      pageId = newPageId();
      report();
    },
  });

  report();
  late.start();

  // Single-page apps change the URL without loading a page (history.pushState, popstate, hash
  // routes): once the new content settles, report it as a new page, exactly as on a fresh load.
  // The service worker keys its tab state on pageId, so answers for the old page are dropped.
  const watcher = pg.createNavigationWatcher({
    url: location.href,
    timers,
    observe: observeDom,
    onNavigate() {
      pageId = newPageId();
      report();
      late.start();
    },
  });
  const checkUrl = () => watcher.check(location.href);
  window.addEventListener('popstate', checkUrl);
  window.addEventListener('hashchange', checkUrl);
  // pushState/replaceState fire no event a content script can hear (its isolated world cannot wrap
  // the page's history object): the Navigation API's navigatesuccess where the browser has it, and
  // a cheap poll of location.href everywhere (Firefox, and navigations the API does not report).
  if (globalThis.navigation && typeof globalThis.navigation.addEventListener === 'function') {
    globalThis.navigation.addEventListener('navigatesuccess', checkUrl);
  }
  const POLL_MS = 1000;
  setInterval(checkUrl, POLL_MS);

  // Back/forward cache: the page comes back without this script running again, but the browser
  // has reset the tab's badge. Report it again as a new page.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) {
      watcher.reset(location.href);
      pageId = newPageId();
      report();
    }
  });
})();
