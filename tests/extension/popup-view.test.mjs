// The popup's view model: one state per situation the issue names, from tab state and settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_QUOTES_PER_RISK, popupView, privacyNote, readingTimeText, riskRows } from '../../extension/lib/popup-view.js';
import { DEFAULT_SETTINGS } from '../../extension/lib/settings.js';

const settings = DEFAULT_SETTINGS;
const URL_ = 'https://www.example.co.uk/privacy';
const base = { url: URL_, site: 'example.co.uk', pageId: 'p', isPolicy: true, policyLink: null };
const quotes = (n) => Array.from({ length: n }, (_, i) => ({ quote: `Quote ${i + 1}.`, start: 0, end: 8, explanation: 'e', rule: 'r' }));
const report = {
  id: 'a1'.repeat(32),
  url: URL_,
  scored_at: '2026-11-22T01:00:00Z',
  readability: { level: 'college graduate', reading_time_minutes: 11.4, word_count: 2850, flesch_reading_ease: 31.6 },
  risks: [
    { id: 'broad_disclosure', title: 'Broad disclosure', detected: true, severity: 'high', summary: 'Shares widely.', evidence: quotes(5) },
    { id: 'no_opt_out', title: 'No opt-out', detected: false, severity: 'none', summary: 'Offers an opt-out.', evidence: [] },
    { id: 'retention_after_deletion', title: 'Kept after deletion', detected: true, severity: 'bogus', summary: 'Keeps it.', evidence: quotes(1) },
  ],
};

// [description, state, tabUrl, expected kind]
const KINDS = [
  ['browser page', null, 'chrome://newtab/', 'nothing'],
  ['no tab URL known and no state', null, undefined, 'nothing'],
  ['state not there yet for a web page', null, URL_, 'loading'],
  ['state left from the previous page', { ...base, status: 'graded', grade: 'C' }, 'https://other.example/', 'loading'],
  ['looking up', { ...base, status: 'looking_up' }, URL_, 'loading'],
  ['scoring', { ...base, status: 'scoring' }, `${URL_}#section-2`, 'scoring'],
  ['graded', { ...base, status: 'graded', grade: 'C', score: 62, report }, URL_, 'graded'],
  ['graded without a letter', { ...base, status: 'graded', grade: null }, URL_, 'ungraded'],
  ['ungraded', { ...base, status: 'ungraded' }, URL_, 'ungraded'],
  ['not a policy', { ...base, status: 'not_policy', notPolicyReason: 'Too short.' }, URL_, 'not_policy'],
  ['network error', { ...base, status: 'error', error: { kind: 'network', message: 'Cannot reach' } }, URL_, 'unreachable'],
  ['timeout', { ...base, status: 'error', error: { kind: 'timeout', message: 'slow' } }, URL_, 'unreachable'],
  ['rate limited', { ...base, status: 'rate_limited', error: { kind: 'rate_limited', retryAfterSeconds: 30 } }, URL_, 'rate_limited'],
  ['other error', { ...base, status: 'error', error: { kind: 'http', message: 'The policygrade API answered 500' } }, URL_, 'error'],
];
for (const [description, state, tabUrl, kind] of KINDS) {
  test(`view for ${description} is "${kind}"`, () => assert.equal(popupView({ state, settings, tabUrl }).kind, kind));
}

test('graded view carries grade, colours, score, risks, readability and the full-report URL', () => {
  const view = popupView({ state: { ...base, status: 'graded', source: 'policy', grade: 'C', score: 62, riskCount: 2, report, reportId: report.id }, settings, tabUrl: URL_ });
  assert.equal(view.grade, 'C');
  assert.equal(view.score, 62);
  assert.equal(view.reportUrl, 'http://127.0.0.1:8000/sites/example.co.uk');
  assert.equal(view.risks.length, 3);
  assert.deepEqual(view.readability, { level: 'college graduate', readingTime: 'about 11 min to read', words: 2850, fleschReadingEase: 32 });
  assert.equal(view.canLoadReport, false);
});

test('graded by look-up without a report offers to load the findings', () => {
  const view = popupView({ state: { ...base, isPolicy: false, status: 'graded', source: 'site', grade: 'B', score: 80, report: null, reportId: 'b2'.repeat(32) }, settings, tabUrl: undefined });
  assert.equal(view.canLoadReport, true);
  assert.deepEqual(view.risks, []);
  assert.equal(view.readability, null);
});

test('the unreachable view names the configured API URL', () => {
  const custom = { apiBase: 'https://pg.example.org', autoCapture: true };
  const view = popupView({ state: { ...base, status: 'error', error: { kind: 'network' } }, settings: custom, tabUrl: URL_ });
  assert.equal(view.apiBase, 'https://pg.example.org');
});

test('riskRows: at most 3 quotes each with the rest counted; unknown severities become "none"', () => {
  const rows = riskRows(report);
  assert.deepEqual(rows[0].quotes, ['Quote 1.', 'Quote 2.', 'Quote 3.']);
  assert.equal(rows[0].quotes.length, MAX_QUOTES_PER_RISK);
  assert.equal(rows[0].moreQuotes, 2);
  assert.equal(rows[0].severityLabel, 'High risk');
  assert.equal(rows[1].severityLabel, 'Not found');
  assert.equal(rows[2].severity, 'none');
  assert.deepEqual(riskRows({ risks: 'x' }), []);
  assert.deepEqual(riskRows(null), []);
});

test('readingTimeText', () => {
  assert.equal(readingTimeText(0.4), 'under a minute to read');
  assert.equal(readingTimeText(11.6), 'about 12 min to read');
  assert.equal(readingTimeText(-1), null);
  assert.equal(readingTimeText('5'), null);
});

test('privacy note says what is sent, and changes with automatic capture', () => {
  const on = privacyNote({ apiBase: 'http://127.0.0.1:8000', autoCapture: true }).join(' ');
  const off = privacyNote({ apiBase: 'http://127.0.0.1:8000', autoCapture: false }).join(' ');
  assert.match(on, /http:\/\/127\.0\.0\.1:8000/);
  assert.match(on, /first 4 characters of a hash/);
  assert.match(on, /looks like a privacy policy, its text and address are sent/);
  assert.match(off, /Automatic capture is off/);
});
