/*
 * Single-page-app navigation: decides when an in-page URL change (history.pushState/replaceState,
 * popstate, a hash route) is a new page, waits for the new content to settle, then calls back once.
 * Classic script (content scripts cannot be modules): adds `policygrade.isNewPage` and
 * `policygrade.createNavigationWatcher`. Timers and the DOM observer are injected, so node tests
 * drive it with a fake clock; content/main.js wires it to the page's events.
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  // A hash that names a route (#/privacy, #!/privacy: hash routers such as Angular's and Vue's)
  // rather than an anchor inside the same document (#cookies, a policy's table of contents).
  const HASH_ROUTE = /^#!?\//;

  /** True when `to` shows another page than `from`: path or query differ, or the hash route does. */
  function isNewPage(from, to) {
    let a;
    let b;
    try {
      a = new URL(from);
      b = new URL(to);
    } catch {
      return false;
    }
    if (a.origin !== b.origin || a.pathname !== b.pathname || a.search !== b.search) return true;
    if (a.hash === b.hash) return false;
    // Jumping to an anchor is the same page; leaving or entering a hash route is not.
    return HASH_ROUTE.test(a.hash) || HASH_ROUTE.test(b.hash);
  }

  /**
   * Watches for in-page navigation. Call `check(url)` whenever the URL may have changed (events,
   * polling). A change to a new page waits `debounceMs` without further changes, then for the DOM
   * to be quiet for `quietMs` (at most `maxSettleMs`), then calls `onNavigate(url)` once.
   * `observe(onMutation)` starts a DOM observer and returns its stop function.
   */
  function createNavigationWatcher({
    url,
    onNavigate,
    timers,
    observe = () => () => {},
    debounceMs = 250,
    quietMs = 400,
    maxSettleMs = 3000,
  }) {
    let pageUrl = url; // the URL of the page last reported
    let lastSeen = url; // the URL the last check saw: the once-a-second poll stops here, parsing nothing
    let pendingUrl = null; // a new page's URL, waiting to settle
    let debounceTimer = null;
    let quietTimer = null;
    let maxTimer = null;
    let stopObserving = null;

    function cancel() {
      for (const timer of [debounceTimer, quietTimer, maxTimer]) if (timer !== null) timers.clearTimeout(timer);
      debounceTimer = quietTimer = maxTimer = null;
      if (stopObserving) stopObserving();
      stopObserving = null;
      pendingUrl = null;
    }

    function finish() {
      const next = pendingUrl;
      cancel();
      pageUrl = next;
      onNavigate(next);
    }

    function settle() {
      debounceTimer = null;
      // Each DOM change restarts the quiet period; the upper bound stops a page that never rests
      // (tickers, animations) from delaying the report forever.
      stopObserving = observe(() => {
        if (quietTimer !== null) timers.clearTimeout(quietTimer);
        quietTimer = timers.setTimeout(finish, quietMs);
      });
      quietTimer = timers.setTimeout(finish, quietMs);
      maxTimer = timers.setTimeout(finish, maxSettleMs);
    }

    return {
      /** Looks at the current URL; returns true when a new page is (still) waiting to be reported. */
      check(currentUrl) {
        if (typeof currentUrl !== 'string' || currentUrl === lastSeen) return pendingUrl !== null;
        lastSeen = currentUrl;
        if (!isNewPage(pageUrl, currentUrl)) {
          // Back on the reported page (or an anchor of it) before the new one settled: nothing to report.
          if (pendingUrl !== null) cancel();
          return false;
        }
        cancel();
        pendingUrl = currentUrl;
        debounceTimer = timers.setTimeout(settle, debounceMs);
        return true;
      },
      /** The page was reported by other means (bfcache restore): make `currentUrl` the baseline. */
      reset(currentUrl) {
        cancel();
        pageUrl = lastSeen = currentUrl;
      },
      /** Stops every timer and observer. */
      stop: cancel,
    };
  }

  ns.isNewPage = isNewPage;
  ns.createNavigationWatcher = createNavigationWatcher;
})(globalThis);
