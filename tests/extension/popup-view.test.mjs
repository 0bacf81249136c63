// The popup's view model: one state per situation the issue names, from tab state and settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeView, goodPracticeRows, MAX_GOOD_PRACTICES, MAX_QUOTES_PER_RISK, popupView, privacyNote, readingTimeText, riskRows } from '../../extension/lib/popup-view.js';
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
  assert.deepEqual(rows[0].quotes.map((q) => q.text), ['Quote 1.', 'Quote 2.', 'Quote 3.']);
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
  assert.match(on, /remembered in this browser only/);
  assert.match(privacyNote({ ...DEFAULT_SETTINGS, changeAlerts: false }).join(' '), /Change alerts are off/);
});

test('riskRows: each quote\'s own severity and context, and how to improve a detected risk', () => {
  const rows = riskRows({ risks: [
    { id: 'broad_disclosure', detected: true, severity: 'high', how_to_improve: ' Say you disclose data only for a valid court order. ',
      evidence: [{ quote: 'Acme may disclose data whenever it sees fit.', severity: 'high', context: 'When Acme shares data' }, { quote: 'To a buyer.', severity: 'weird', context: null }] },
    { id: 'no_opt_out', detected: false, severity: 'none', how_to_improve: '', evidence: [] },
    { id: 'retention_after_deletion', detected: false, how_to_improve: 'not shown for an undetected risk', evidence: [] },
  ] });
  assert.deepEqual(rows[0].quotes, [
    { text: 'Acme may disclose data whenever it sees fit.', severity: 'high', context: 'When Acme shares data' },
    { text: 'To a buyer.', severity: null, context: null },
  ]);
  assert.equal(rows[0].howToImprove, 'Say you disclose data only for a valid court order.');
  assert.equal(rows[0].title, 'Broad disclosure');
  assert.equal(rows[1].howToImprove, '');
  assert.equal(rows[2].howToImprove, '');
});

test('goodPracticeRows: the report\'s good practices with their quotes, at most four; none when absent', () => {
  const good = (i) => ({ risk: 'retention_after_deletion', rule: 'bounded_purge', quote: `Backups are purged within ${i} days.`, start: 0, end: 9, explanation: 'A bounded purge.' });
  const rows = goodPracticeRows({ good_practices: [good(30), { quote: '' }, null, good(31), good(32), good(33), good(34)] });
  assert.equal(rows.length, MAX_GOOD_PRACTICES);
  assert.deepEqual(rows[0], { risk: 'retention_after_deletion', riskTitle: 'Kept after deletion', quote: 'Backups are purged within 30 days.', explanation: 'A bounded purge.' });
  assert.deepEqual(goodPracticeRows(report), []);
});

test('changeView: grade from/to at once, risks added and removed once the history is loaded', () => {
  const change = { from: { reportId: 'a', grade: 'B' }, to: { reportId: 'b', grade: 'D' }, acknowledged: false, details: null };
  const first = changeView(change);
  assert.equal(first.headline, 'Its grade went from B to D.');
  assert.deepEqual(first.lines, []);
  assert.equal(first.loaded, false);
  const loaded = changeView({ ...change, details: { gradeFrom: 'B', gradeTo: 'D', added: ['retention_after_deletion'], removed: [], versions: 2, since: '2026-11-03T10:00:00Z', known: true } });
  assert.deepEqual(loaded.lines, ['Risks added: Kept after deletion.', 'Risks removed: none.', '2 new versions since you looked.', 'This version was first seen on 2026-11-03.']);
  assert.equal(changeView({ ...change, to: { reportId: 'b', grade: 'B' } }).headline, 'Its grade is unchanged, but the text is not the one you saw.');
  assert.equal(changeView(null), null);
});

test('a user\'s document and an unfiled report are marked for the popup; "Score this page" where this page was not graded', () => {
  const state = { ...base, status: 'graded', source: 'policy', grade: 'B', score: 80, report, filed: false, userContent: { why: 'Google Docs holds documents written by its users.', host: 'docs.google.com' } };
  const view = popupView({ state, settings, tabUrl: URL_ });
  assert.equal(view.filed, false);
  assert.equal(view.userContent.host, 'docs.google.com');
  assert.equal(view.canScorePage, false);
  assert.equal(popupView({ state: { ...base, status: 'graded', source: 'site', grade: 'B' }, settings, tabUrl: URL_ }).canScorePage, true);
  assert.equal(popupView({ state: { ...base, status: 'ungraded' }, settings, tabUrl: URL_ }).canScorePage, true);
});
