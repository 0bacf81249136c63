// Single-page-app navigation: which URL changes are new pages, and when the watcher reports one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeClock, loadContentScripts } from './helpers.mjs';

const { isNewPage, createNavigationWatcher } = loadContentScripts('url-watch.js');
const HOME = 'https://shop.example/';

// [description, from, to, new page?]: positives beside negatives.
const CASES = [
  ['pushState to another path', HOME, 'https://shop.example/privacy', true],
  ['another query (?page=privacy)', 'https://shop.example/?page=home', 'https://shop.example/?page=privacy', true],
  ['into a hash route (#/privacy)', HOME, 'https://shop.example/#/privacy', true],
  ['between hash routes (#!/a to #!/b)', 'https://shop.example/#!/a', 'https://shop.example/#!/b', true],
  ['out of a hash route to a plain anchor', 'https://shop.example/#/privacy', 'https://shop.example/#top', true],
  ['another origin (document.domain tricks aside)', HOME, 'https://www.shop.example/', true],
  ['the same URL', HOME, HOME, false],
  ['an anchor jump inside a policy (#cookies)', 'https://shop.example/privacy', 'https://shop.example/privacy#cookies', false],
  ['between two anchors', 'https://shop.example/privacy#a', 'https://shop.example/privacy#b', false],
  ['leaving an anchor', 'https://shop.example/privacy#a', 'https://shop.example/privacy', false],
  ['a URL that does not parse', HOME, 'http://%zz', false],
  ['not a string', HOME, undefined, false],
];

for (const [description, from, to, expected] of CASES) {
  test(`${expected ? 'new page' : 'same page'}: ${description}`, () => {
    assert.equal(isNewPage(from, to), expected);
  });
}

/** A watcher on a fake clock with a fake DOM observer; `mutate()` plays a DOM change. */
function setup(options = {}) {
  const clock = fakeClock();
  const reported = [];
  let onMutation = null;
  let observing = 0;
  const watcher = createNavigationWatcher({
    url: HOME,
    onNavigate: (url) => reported.push([url, clock.now]),
    timers: clock,
    observe(callback) {
      onMutation = callback;
      observing += 1;
      return () => { observing -= 1; onMutation = null; };
    },
    debounceMs: 250,
    quietMs: 400,
    maxSettleMs: 3000,
    ...options,
  });
  return { clock, reported, watcher, mutate: () => onMutation && onMutation(), observing: () => observing };
}

test('a new page is reported once, after the debounce and a quiet DOM', () => {
  const { clock, reported, watcher, observing } = setup();
  assert.equal(watcher.check('https://shop.example/privacy'), true);
  clock.advance(249);
  assert.equal(observing(), 0, 'no observer during the debounce');
  clock.advance(1);
  assert.equal(observing(), 1);
  clock.advance(399);
  assert.deepEqual(reported, []);
  clock.advance(1);
  assert.deepEqual(reported, [['https://shop.example/privacy', 650]]);
  assert.equal(observing(), 0, 'the observer stops once reported');
  assert.equal(clock.pending, 0);
  // Polling the same URL again reports nothing more.
  assert.equal(watcher.check('https://shop.example/privacy'), false);
  clock.advance(5000);
  assert.equal(reported.length, 1);
});

test('DOM changes push the report back until the page is quiet', () => {
  const { clock, reported, watcher, mutate } = setup();
  watcher.check('https://shop.example/privacy');
  clock.advance(250);
  for (let i = 0; i < 3; i += 1) {
    clock.advance(300);
    mutate();
  }
  assert.deepEqual(reported, []);
  clock.advance(400);
  assert.deepEqual(reported, [['https://shop.example/privacy', 250 + 900 + 400]]);
});

test('a DOM that never rests is reported at the upper bound', () => {
  const { clock, reported, watcher, mutate } = setup();
  watcher.check('https://shop.example/privacy');
  clock.advance(250);
  for (let t = 0; t < 5000; t += 100) {
    mutate();
    clock.advance(100);
  }
  assert.deepEqual(reported, [['https://shop.example/privacy', 250 + 3000]]);
});

test('rapid changes (redirect chains, replaceState) report only the last URL', () => {
  const { clock, reported, watcher } = setup();
  watcher.check('https://shop.example/legal');
  clock.advance(200);
  watcher.check('https://shop.example/legal/privacy');
  clock.advance(200);
  watcher.check('https://shop.example/legal/privacy?lang=en');
  clock.advance(650);
  assert.deepEqual(reported, [['https://shop.example/legal/privacy?lang=en', 1050]]);
});

test('a new URL during the settle period starts over', () => {
  const { clock, reported, watcher, observing } = setup();
  watcher.check('https://shop.example/a');
  clock.advance(300);
  assert.equal(observing(), 1);
  watcher.check('https://shop.example/b');
  assert.equal(observing(), 0, 'the old observer is stopped');
  clock.advance(650);
  assert.deepEqual(reported, [['https://shop.example/b', 950]]);
});

test('going back to the reported page before the new one settles reports nothing', () => {
  const { clock, reported, watcher } = setup();
  watcher.check('https://shop.example/privacy');
  clock.advance(100);
  assert.equal(watcher.check(`${HOME}#top`), false);
  clock.advance(5000);
  assert.deepEqual(reported, []);
  assert.equal(clock.pending, 0);
});

test('after a report, that page is the baseline: its anchors are not new pages, home is', () => {
  const { clock, reported, watcher } = setup();
  watcher.check('https://shop.example/privacy');
  clock.advance(650);
  assert.equal(watcher.check('https://shop.example/privacy#cookies'), false);
  assert.equal(watcher.check(HOME), true);
  clock.advance(650);
  assert.deepEqual(reported.map(([url]) => url), ['https://shop.example/privacy', HOME]);
});

test('reset (bfcache restore) cancels a pending page and moves the baseline', () => {
  const { clock, reported, watcher } = setup();
  watcher.check('https://shop.example/privacy');
  clock.advance(300);
  watcher.reset('https://shop.example/privacy');
  clock.advance(5000);
  assert.deepEqual(reported, []);
  assert.equal(watcher.check('https://shop.example/privacy'), false);
});

test('stop cancels everything; junk input is ignored', () => {
  const { clock, reported, watcher, observing } = setup();
  for (const junk of [undefined, null, 42, {}, 'not a url']) assert.equal(watcher.check(junk), false);
  watcher.check('https://shop.example/privacy');
  clock.advance(300);
  watcher.stop();
  assert.equal(observing(), 0);
  clock.advance(5000);
  assert.deepEqual(reported, []);
});

test('polling an unchanged URL does not restart the debounce', () => {
  const { clock, reported, watcher } = setup();
  assert.equal(watcher.check(HOME), false);
  watcher.check('https://shop.example/privacy');
  for (let i = 0; i < 5; i += 1) {
    clock.advance(100);
    assert.equal(watcher.check('https://shop.example/privacy'), true, 'still waiting');
  }
  // The debounce counted from the first sighting: 250 + 400 ms after it, not after the last poll.
  clock.advance(150);
  assert.deepEqual(reported, [['https://shop.example/privacy', 650]]);
});
