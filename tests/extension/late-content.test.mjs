// Late content: judge the page again once script-rendered text has arrived and settled, within a window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeClock, loadContentScripts } from './helpers.mjs';

const { createLateContentWatcher } = loadContentScripts('late-content.js');

function setup(options = {}) {
  const clock = fakeClock();
  let size = 100;
  let onMutation = null;
  let observing = false;
  const calls = [];
  const watcher = createLateContentWatcher({
    timers: clock,
    observe(cb) { onMutation = cb; observing = true; return () => { observing = false; }; },
    measure: () => size,
    onSettled: () => calls.push(clock.now),
    ...options,
  });
  return { clock, watcher, calls, grow(n) { size += n; onMutation(); }, get observing() { return observing; } };
}

test('content arriving after 2.5 s in pieces is judged once, after it settles', () => {
  const t = setup();
  t.watcher.start();
  t.clock.advance(2500);
  for (let i = 0; i < 8; i += 1) { t.grow(400); t.clock.advance(80); }
  assert.deepEqual(t.calls, []);
  t.clock.advance(600);
  assert.equal(t.calls.length, 1);
});

test('small changes (a ticking clock) never trigger; the window closes by itself', () => {
  const t = setup();
  t.watcher.start();
  for (let i = 0; i < 30; i += 1) { t.grow(5); t.clock.advance(1000); }
  assert.deepEqual(t.calls, []);
  assert.equal(t.observing, false);
  assert.equal(t.watcher.watching, false);
  assert.equal(t.clock.pending, 0);
});

test('at most maxCalls judgements per window; start() opens a new window', () => {
  const t = setup({ maxCalls: 2 });
  t.watcher.start();
  for (let i = 0; i < 4; i += 1) { t.grow(1000); t.clock.advance(700); }
  assert.equal(t.calls.length, 2);
  assert.equal(t.observing, false);
  t.watcher.start();
  t.grow(1000);
  t.clock.advance(700);
  assert.equal(t.calls.length, 3);
});

test('a change still settling when the window closes gets its look', () => {
  const t = setup({ windowMs: 1000 });
  t.watcher.start();
  t.clock.advance(900);
  t.grow(2000);
  t.clock.advance(100);
  assert.equal(t.calls.length, 1);
});
