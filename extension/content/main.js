/*
 * Content script entry (classic script, runs last): finds and extracts, nothing else.
 * On load, and again after each in-page navigation of a single-page app (url-watch.js), it reports
 * the page to the service worker: URL, title, whether it looks like a privacy policy
 * (policy-page.js) and the site's policy link (policy-links.js). No page text leaves this
 * script until the service worker asks for it ("extract"), which it does only for detected
 * policies with automatic capture on, or when the user presses a button in the popup.
 */
(function () {
  'use strict';
  // Same rule as extension/lib/webext.js (classic scripts cannot import it).
  const webext = globalThis.browser ?? globalThis.chrome;
  const pg = globalThis.policygrade;
  const MAX_DETECTION_CHARS = 60000;
  const MAX_LINKS = 3000;
  const FOOTER = 'footer, [role="contentinfo"], #footer, .footer, .site-footer, #site-footer';
  const newPageId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let pageId = newPageId();

  function headings(doc) {
    return Array.from(doc.querySelectorAll('h1, h2')).slice(0, 12).map((h) => h.textContent.replace(/\s+/g, ' ').trim());
  }

  function linkDescriptors(doc) {
    const links = [];
    for (const l of doc.querySelectorAll('link[rel~="privacy-policy"][href]')) {
      links.push({ href: l.href, text: '', rel: l.getAttribute('rel') || '', ariaLabel: '', title: '', inFooter: false });
    }
    const anchors = Array.from(doc.querySelectorAll('a[href]'));
    // Keep the end of long pages: the site footer, where policy links live, comes last.
    for (const a of anchors.slice(-MAX_LINKS)) {
      links.push({
        href: a.href,
        text: a.textContent || '',
        rel: a.getAttribute('rel') || '',
        ariaLabel: a.getAttribute('aria-label') || '',
        title: a.getAttribute('title') || '',
        inFooter: Boolean(a.closest(FOOTER)),
      });
    }
    return links;
  }

  /** Readability's article text with paragraph breaks, or the <main>/<body> text when it finds none. */
  function extractFrom(doc, url) {
    let text = '';
    let title = doc.title || '';
    try {
      // Readability mutates the document it is given: always hand it a copy.
      const article = new Readability(doc.cloneNode(true), { charThreshold: 300 }).parse();
      if (article && article.content) {
        // DOMParser builds an inert document: nothing in it runs or loads.
        const parsed = new DOMParser().parseFromString(article.content, 'text/html');
        text = pg.blockText(parsed.body);
        title = article.title || title;
      }
    } catch (e) {
      text = '';
    }
    if (text.length < 200) text = pg.blockText(doc.querySelector('main, [role="main"], article') || doc.body);
    return { ok: true, text, title: title.slice(0, 500), url };
  }

  function report() {
    const text = (document.body && document.body.innerText) || '';
    const detection = pg.detectPolicyPage({ url: location.href, title: document.title, headings: headings(document), text: text.slice(0, MAX_DETECTION_CHARS) });
    const policyLink = detection.isPolicy ? null : pg.findPolicyLink({ links: linkDescriptors(document), pageUrl: location.href });
    webext.runtime.sendMessage({ type: 'page', pageId, url: location.href, title: document.title, detection, policyLink }).catch(() => {
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

  report();

  // Single-page apps change the URL without loading a page (history.pushState, popstate, hash
  // routes): once the new content settles, report it as a new page, exactly as on a fresh load.
  // The service worker keys its tab state on pageId, so answers for the old page are dropped.
  const watcher = pg.createNavigationWatcher({
    url: location.href,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) },
    observe(onMutation) {
      const observer = new MutationObserver(onMutation);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      return () => observer.disconnect();
    },
    onNavigate() {
      pageId = newPageId();
      report();
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
