/*
 * Content that arrives after load with no URL change (a policy fetched and rendered by script
 * seconds later): watches the DOM for a bounded time and calls back once the page has grown and
 * then stayed quiet, so the page is judged again on what it finally shows.
 * Classic script (content scripts cannot be modules): adds `policygrade.createLateContentWatcher`.
 * Timers, the DOM observer and the size measure are injected, so node tests drive it with a fake
 * clock; content/main.js wires it to a MutationObserver.
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  /**
   * createLateContentWatcher({timers, observe, measure, onSettled, quietMs, windowMs, minGrowth, maxCalls})
   * `start()` begins a watch window of `windowMs`; each DOM change restarts a `quietMs` timer; when
   * it fires and `measure()` (the page's text size) grew by `minGrowth` since the last judgement,
   * `onSettled()` runs. At most `maxCalls` callbacks per window; `stop()` ends the window early.
   */
  function createLateContentWatcher({
    timers,
    observe,
    measure,
    onSettled,
    quietMs = 600,
    windowMs = 15000,
    minGrowth = 500,
    maxCalls = 3,
  }) {
    let stopObserving = null;
    let quietTimer = null;
    let windowTimer = null;
    let baseline = 0;
    let calls = 0;

    function stop() {
      if (quietTimer !== null) timers.clearTimeout(quietTimer);
      if (windowTimer !== null) timers.clearTimeout(windowTimer);
      quietTimer = windowTimer = null;
      if (stopObserving) stopObserving();
      stopObserving = null;
    }

    function check() {
      quietTimer = null;
      const size = measure();
      if (size - baseline < minGrowth) return;
      baseline = size;
      calls += 1;
      if (calls >= maxCalls) stop();
      onSettled();
    }

    function onMutation() {
      if (!stopObserving) return; // a record delivered after disconnect
      if (quietTimer !== null) timers.clearTimeout(quietTimer);
      quietTimer = timers.setTimeout(check, quietMs);
    }

    return {
      /** (Re)starts the window from the page as it is now. */
      start() {
        stop();
        baseline = measure();
        calls = 0;
        stopObserving = observe(onMutation);
        windowTimer = timers.setTimeout(() => {
          // The window closes; a change still settling gets its last look first.
          if (quietTimer !== null) {
            timers.clearTimeout(quietTimer);
            check();
          }
          stop();
        }, windowMs);
      },
      stop,
      /** True while the window is open. */
      get watching() {
        return stopObserving !== null;
      },
    };
  }

  ns.createLateContentWatcher = createLateContentWatcher;
})(globalThis);
