// The service worker's flows, driven through a fake chrome API and a fake API server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createController, parsePageMessage, riskCountOf } from '../../extension/lib/controller.js';
import { GRADE_COLORS } from '../../extension/lib/badge.js';
import { prefixOf, sha256Hex } from '../../extension/lib/site-hash.js';
import { getTabState } from '../../extension/lib/tab-state.js';
import { fakeFetch, fakeWebext, json } from './helpers.mjs';

const API = 'http://127.0.0.1:8000';
const POLICY_TEXT = 'We collect your name and email. '.repeat(20);
const TAB = 7;

function report(extra = {}) {
  return {
    id: 'a1'.repeat(32),
    is_policy: true,
    grade: 'C',
    score: 62,
    grade_reason: 'Grade C',
    site: 'example.co.uk',
    url: 'https://www.example.co.uk/privacy',
    scored_at: '2026-11-22T01:00:00Z',
    readability: { level: 'college', reading_time_minutes: 11.2, word_count: 2800, flesch_reading_ease: 35 },
    risks: [
      { id: 'broad_disclosure', title: 'Broad disclosure', detected: true, severity: 'high', summary: 's', evidence: [{ quote: 'We may share it with anyone.' }] },
      { id: 'no_opt_out', title: 'No opt-out', detected: false, severity: 'none', summary: 's', evidence: [] },
      { id: 'retention_after_deletion', title: 'Kept after deletion', detected: true, severity: 'medium', summary: 's', evidence: [{ quote: 'We keep backups.' }] },
    ],
    ...extra,
  };
}

function page(url, extra = {}) {
  return { type: 'page', pageId: `p-${url}`, url, title: 'T', detection: { isPolicy: false, confidence: 0.1, reasons: [] }, policyLink: null, ...extra };
}

/** A fake policygrade server: POST /score answers `scoreReport`, prefix buckets from `graded` sites. */
function fakeApi({ scoreReport = report(), graded = {}, fail = null, siteRecords = {} } = {}) {
  return fakeFetch(async (url, init) => {
    if (fail) return fail(url, init);
    const u = new URL(url);
    if (u.pathname === '/api/v1/score') return json(scoreReport);
    const m = u.pathname.match(/^\/api\/v1\/sites\/prefix\/([0-9a-f]{4})$/);
    if (m) {
      const sites = [];
      for (const [site, entry] of Object.entries(graded)) {
        const hash = await sha256Hex(site);
        if (hash.startsWith(m[1])) sites.push({ site, site_hash: hash, updated_at: 'x', ...entry });
      }
      return json({ prefix: m[1], sites });
    }
    if (u.pathname.startsWith('/api/v1/reports/')) return json(scoreReport);
    const site = u.pathname.match(/^\/api\/v1\/sites\/([^/]+)$/);
    if (site && siteRecords[decodeURIComponent(site[1])]) return json(siteRecords[decodeURIComponent(site[1])]);
    return json({ code: 404, status: 'Not Found', message: 'no route' }, 404);
  });
}

function setup(options = {}) {
  const webext = fakeWebext({
    tabMessages: async (tabId, message) => (message.type === 'extract' ? { ok: true, text: POLICY_TEXT, title: 'Privacy', url: 'https://www.example.co.uk/privacy' } : options.tabMessages?.(tabId, message)),
  });
  const fetchImpl = fakeApi(options);
  return { webext, fetchImpl, controller: createController({ webext, fetchImpl, now: () => 1_000_000 }) };
}

test('a detected policy page is scored: badge goes to the grade with colour and title', async () => {
  const { webext, fetchImpl, controller } = setup();
  const result = await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true, confidence: 0.9, reasons: ['url'] } }));
  assert.equal(result.status, 'graded');
  assert.deepEqual(webext.badges.get(TAB), { text: 'C', background: GRADE_COLORS.C.background, foreground: GRADE_COLORS.C.foreground, title: 'Privacy policy grade C (62/100): 2 risks' });
  const scoreCall = fetchImpl.calls.find((c) => c.url.endsWith('/api/v1/score'));
  assert.deepEqual(JSON.parse(scoreCall.init.body), { text: POLICY_TEXT, url: 'https://www.example.co.uk/privacy', title: 'Privacy' });
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.source, 'policy');
  assert.equal(state.report.id, report().id);
  // The extraction was asked of this page only.
  assert.deepEqual(webext.sent.map((s) => s.message.type), ['extract']);
});

test('automatic capture off: a policy page sends no text, only the prefix look-up', async () => {
  const { webext, fetchImpl, controller } = setup();
  await webext.storage.local.set({ settings: { apiBase: API, autoCapture: false } });
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true } }));
  assert.ok(fetchImpl.calls.every((c) => !c.url.endsWith('/score')));
  assert.equal(webext.sent.length, 0);
  assert.equal(webext.badges.get(TAB).text, '?');
});

test('another page of a graded site: grade through the 4-hex prefix only, then from the cache', async () => {
  const { webext, fetchImpl, controller } = setup({ graded: { 'example.co.uk': { grade: 'B', score: 81, report_id: 'b2'.repeat(32) } } });
  await controller.handlePage(TAB, page('https://shop.example.co.uk/basket'));
  const prefix = prefixOf(await sha256Hex('example.co.uk'));
  assert.deepEqual(fetchImpl.calls.map((c) => c.url), [`${API}/api/v1/sites/prefix/${prefix}`]);
  // The site name never appears in any request.
  assert.ok(fetchImpl.calls.every((c) => !c.url.includes('example') && !(c.init.body ?? '').includes('example')));
  assert.equal(webext.badges.get(TAB).text, 'B');
  assert.equal(webext.badges.get(TAB).title, 'Privacy policy grade B (81/100) for example.co.uk');
  await controller.handlePage(TAB + 1, page('https://www.example.co.uk/about'));
  assert.equal(fetchImpl.calls.length, 1, 'second look-up in the same bucket is served from chrome.storage');
  assert.equal(webext.badges.get(TAB + 1).text, 'B');
});

test('a site not in its bucket shows "?"; a browser page shows nothing and keeps no state', async () => {
  const { webext, controller } = setup({ graded: { 'other.example': { grade: 'A', score: 90 } } });
  await controller.handlePage(TAB, page('https://www.ungraded.example/'));
  assert.equal(webext.badges.get(TAB).text, '?');
  await controller.handlePage(TAB, page('chrome://settings/'));
  assert.equal(webext.badges.get(TAB).text, '');
  assert.equal(await getTabState(webext.storage.session, TAB), null);
});

test('pages of the API server itself (its report pages quote policies) are left alone', async () => {
  const { webext, fetchImpl, controller } = setup();
  await controller.handlePage(TAB, page(`${API}/sites/example.co.uk`, { detection: { isPolicy: true } }));
  assert.equal(fetchImpl.calls.length, 0);
  assert.equal(webext.sent.length, 0);
  assert.equal(webext.badges.get(TAB).text, '');
});

test('scoring a site drops its cached bucket so the next page asks the server again', async () => {
  const { webext, fetchImpl, controller } = setup({ graded: {} });
  await controller.handlePage(TAB, page('https://www.example.co.uk/'));
  assert.equal(webext.badges.get(TAB).text, '?');
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true } }));
  await controller.handlePage(TAB + 1, page('https://www.example.co.uk/shop'));
  // Home, the site record right after scoring (not cached: the server may still be verifying), the shop.
  const prefixCalls = fetchImpl.calls.filter((c) => c.url.includes('/prefix/'));
  assert.equal(prefixCalls.length, 3);
});

test('API unreachable: "!" badge, error with the configured URL in the tab state', async () => {
  const { webext, controller } = setup({ fail: () => { throw new TypeError('Failed to fetch'); } });
  await controller.handlePage(TAB, page('https://www.example.co.uk/'));
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.status, 'error');
  assert.equal(state.error.kind, 'network');
  assert.equal(state.error.baseUrl, API);
  assert.equal(webext.badges.get(TAB).text, '!');
});

test('rate limited while scoring: status rate_limited with Retry-After', async () => {
  const { webext, controller } = setup({ fail: () => json({ message: 'slow' }, 429, { 'Retry-After': '12' }) });
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true } }));
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.status, 'rate_limited');
  assert.equal(state.error.retryAfterSeconds, 12);
});

test('the server says "not a policy": the page is marked so and the site grade is looked up', async () => {
  const { webext, controller } = setup({ scoreReport: report({ is_policy: false, grade: null, score: null, grade_reason: 'Not a privacy policy' }), graded: { 'example.co.uk': { grade: 'D', score: 40, report_id: 'c3'.repeat(32) } } });
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true } }));
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.status, 'not_policy');
  assert.equal(state.notPolicyReason, 'Not a privacy policy');
  assert.deepEqual(state.siteGrade, { grade: 'D', score: 40, reportId: 'c3'.repeat(32) });
});

test('a late answer for a page the tab has left does not overwrite the new page', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const { webext, controller } = setup({ fail: async (url) => { if (url.endsWith('/score')) { await gate; return json(report()); } return json({ prefix: url.slice(-4), sites: [] }); } });
  const first = controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { isPolicy: true } }));
  await new Promise((r) => setTimeout(r, 10));
  await controller.handlePage(TAB, page('https://www.other.example/'));
  release();
  await first;
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.site, 'other.example');
  assert.equal(state.status, 'ungraded');
});

test('"Score this site\'s policy" fetches the link, has the content script extract it, scores it', async () => {
  const policyHtml = '<html><body><h1>Privacy</h1><p>We share.</p></body></html>';
  const extracted = [];
  const webext = fakeWebext({ tabMessages: async (tabId, message) => { extracted.push(message); return { ok: true, text: POLICY_TEXT, title: 'Privacy' }; } });
  const fetchImpl = fakeFetch(async (url) => {
    if (url === 'https://www.example.co.uk/privacy') return new Response(policyHtml, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    if (url.endsWith('/score')) return json(report());
    return json({ prefix: url.slice(-4), sites: [] });
  });
  const controller = createController({ webext, fetchImpl, now: () => 1 });
  await controller.handlePage(TAB, page('https://www.example.co.uk/', { policyLink: { url: 'https://www.example.co.uk/privacy', text: 'Privacy' } }));
  // No host access yet: nothing is fetched; the request waits for permissions.onAdded.
  assert.deepEqual(await controller.scoreSitePolicy(TAB), { ok: true, status: 'waiting_for_permission' });
  assert.ok(fetchImpl.calls.every((c) => !c.url.includes('/privacy')));
  assert.equal(await controller.resumePendingPolicyScores(['https://elsewhere.example/*']), 0);
  webext.permissions.granted.add('https://www.example.co.uk/*');
  assert.equal(await controller.resumePendingPolicyScores(['https://www.example.co.uk/*']), 1);
  assert.equal(await controller.resumePendingPolicyScores(['https://www.example.co.uk/*']), 0, 'done once');
  assert.equal((await getTabState(webext.storage.session, TAB)).status, 'graded');
  assert.equal(extracted[0].type, 'extract-html');
  assert.equal(extracted[0].html, policyHtml);
  const scoreCall = fetchImpl.calls.find((c) => c.url.endsWith('/score'));
  assert.equal(JSON.parse(scoreCall.init.body).url, 'https://www.example.co.uk/privacy');
  assert.equal((await getTabState(webext.storage.session, TAB)).source, 'link');
});

test('"Score this site\'s policy" with a policy link that is not HTML reports a fetch error', async () => {
  const webext = fakeWebext();
  const fetchImpl = fakeFetch(async (url) => (url.endsWith('.pdf') ? new Response('%PDF', { headers: { 'Content-Type': 'application/pdf' } }) : json({ prefix: url.slice(-4), sites: [] })));
  const controller = createController({ webext, fetchImpl });
  webext.permissions.granted.add('https://www.example.co.uk/*');
  await controller.handlePage(TAB, page('https://www.example.co.uk/', { policyLink: { url: 'https://www.example.co.uk/privacy.pdf', text: 'Privacy' } }));
  await controller.scoreSitePolicy(TAB);
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.status, 'error');
  assert.match(state.error.message, /application\/pdf/);
});

test('loadReport fetches the report by id for a site graded by look-up', async () => {
  const { webext, fetchImpl, controller } = setup({ graded: { 'example.co.uk': { grade: 'C', score: 62, report_id: 'a1'.repeat(32) } } });
  await controller.handlePage(TAB, page('https://www.example.co.uk/'));
  assert.equal((await getTabState(webext.storage.session, TAB)).report, null);
  assert.deepEqual(await controller.loadReport(TAB), { ok: true });
  assert.ok(fetchImpl.calls.some((c) => c.url === `${API}/api/v1/reports/${'a1'.repeat(32)}`));
  assert.equal((await getTabState(webext.storage.session, TAB)).riskCount, 2);
});

test('parsePageMessage refuses junk and trims what it keeps', () => {
  for (const junk of [null, 'x', {}, { url: 1, pageId: 'a' }, { url: 'https://a.example/' }]) assert.equal(parsePageMessage(junk), null);
  const clean = parsePageMessage({ url: 'https://a.example/', pageId: 'p', title: 'x'.repeat(900), detection: { isPolicy: 'yes' }, policyLink: { url: 'javascript:alert(1)', text: 'Privacy' } });
  assert.equal(clean.title.length, 500);
  assert.equal(clean.isPolicy, false);
  assert.equal(clean.policyLink, null);
});

test('riskCountOf counts detected risks only', () => {
  assert.equal(riskCountOf(report()), 2);
  assert.equal(riskCountOf({}), 0);
});

// --- user content, followed links, final URLs, the byte limit --------------------------------

const DOC_URL = 'https://docs.google.com/document/d/1abc/edit';

test('a policy-looking Google Doc is never sent by itself; the site grade is looked up as usual', async () => {
  const { webext, fetchImpl, controller } = setup({ graded: { 'google.com': { grade: 'C', score: 60, report_id: 'c3'.repeat(32) } } });
  await controller.handlePage(TAB, page(DOC_URL, { detection: { isPolicy: true, textLooksLikePolicy: true } }));
  assert.ok(fetchImpl.calls.every((c) => !c.url.endsWith('/score')), 'nothing was posted');
  assert.equal(webext.sent.length, 0, 'no text was extracted');
  const state = await getTabState(webext.storage.session, TAB);
  assert.match(state.userContent.why, /Google Docs/);
  assert.equal(state.userContent.host, 'docs.google.com');
  assert.equal(webext.badges.get(TAB).text, 'C');
});

test('"Score this page" on a user\'s document sends the text without URL or title, so nothing is filed', async () => {
  const { webext, fetchImpl, controller } = setup({ scoreReport: report({ site: null, url: null }) });
  await controller.handlePage(TAB, page(DOC_URL, { detection: { isPolicy: true } }));
  webext.storage.session.data.get(`tab:${TAB}`);
  const result = await controller.scorePage(TAB);
  assert.equal(result.status, 'graded');
  const body = JSON.parse(fetchImpl.calls.find((c) => c.url.endsWith('/score')).init.body);
  assert.deepEqual(Object.keys(body), ['text']);
  const state = await getTabState(webext.storage.session, TAB);
  assert.equal(state.filed, false);
  assert.deepEqual(Object.keys(await webext.storage.local.get(null)).filter((k) => k.startsWith('report:')), []);
});

test('"Score this page" works on any page the detector passed over, and files it under the site', async () => {
  const { webext, fetchImpl, controller } = setup();
  await controller.handlePage(TAB, page('https://www.example.co.uk/legal?doc=7'));
  await controller.scorePage(TAB);
  const body = JSON.parse(fetchImpl.calls.find((c) => c.url.endsWith('/score')).init.body);
  assert.equal(body.url, 'https://www.example.co.uk/privacy', 'the URL the content script read the text from');
  assert.equal((await getTabState(webext.storage.session, TAB)).filed, true);
});

test('a page named only by the policy link the user followed (through a redirect) is a candidate', async () => {
  const { webext, fetchImpl, controller } = setup();
  await controller.linkFollowed(TAB, { url: 'https://www.example.co.uk/go/privacy-notice' });
  const named = await controller.handlePage(TAB, page('https://www.example.co.uk/legal/document?id=7', { detection: { isPolicy: false, textLooksLikePolicy: true } }));
  assert.equal(named.status, 'graded');
  const state = await getTabState(webext.storage.session, TAB);
  assert.deepEqual(state.detection.namedBy, ['followed_link']);
  assert.ok(fetchImpl.calls.some((c) => c.url.endsWith('/score')));
  // The record is used once: the next unnamed page in the tab is judged on its own again.
  const next = await controller.handlePage(TAB, page('https://www.example.co.uk/legal/document?id=8', { detection: { textLooksLikePolicy: true } }));
  assert.notEqual((await getTabState(webext.storage.session, TAB)).source, 'policy');
  assert.ok(next.ok);
});

test('a followed link does not name a page whose text does not read like a policy, nor one loaded much later', async () => {
  let clock = 1_000_000;
  const webext = fakeWebext();
  const fetchImpl = fakeApi();
  const controller = createController({ webext, fetchImpl, now: () => clock });
  await controller.linkFollowed(TAB, { url: 'https://www.example.co.uk/privacy' });
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { textLooksLikePolicy: false } }));
  assert.ok(fetchImpl.calls.every((c) => !c.url.endsWith('/score')));
  await controller.linkFollowed(TAB, { url: 'https://www.example.co.uk/privacy' });
  clock += 31_000;
  await controller.handlePage(TAB, page('https://www.example.co.uk/privacy', { detection: { textLooksLikePolicy: true } }));
  assert.ok(fetchImpl.calls.every((c) => !c.url.endsWith('/score')));
  assert.deepEqual(await controller.linkFollowed(TAB, { url: 'javascript:alert(1)' }), { ok: false });
});

test('"Score this site\'s policy" sends the final URL after redirects, not the link\'s', async () => {
  const html = `<html><body><p>${POLICY_TEXT}</p></body></html>`;
  const api = fakeApi();
  const fetchImpl = async (url, init) => {
    if (url === 'https://www.example.co.uk/privacy-old') {
      const response = new Response(html, { status: 200, headers: { 'Content-Type': 'text/html' } });
      Object.defineProperty(response, 'url', { value: 'https://legal.example.co.uk/privacy-policy' });
      return response;
    }
    return api(url, init);
  };
  const webext = fakeWebext({ tabMessages: async (tabId, message) => ({ ok: true, text: POLICY_TEXT, title: 'P', url: message.url }) });
  const controller = createController({ webext, fetchImpl, now: () => 1 });
  await controller.handlePage(TAB, page('https://www.example.co.uk/', { policyLink: { url: 'https://www.example.co.uk/privacy-old', text: 'Privacy' } }));
  webext.permissions.granted.add('https://www.example.co.uk/*');
  await controller.scoreSitePolicy(TAB);
  const extract = webext.sent.find((s) => s.message.type === 'extract-html');
  assert.equal(extract.message.url, 'https://legal.example.co.uk/privacy-policy');
  const body = JSON.parse(api.calls.find((c) => c.url.endsWith('/score')).init.body);
  assert.equal(body.url, 'https://legal.example.co.uk/privacy-policy');
});

test('the text sent is cut to the API\'s limit in UTF-8 bytes (an 800k-character Japanese policy)', async () => {
  // 20 characters of 3 UTF-8 bytes each, and a line break: 2.4 MB in under a million characters.
  const long = '当社はお客様の個人情報を第三者に提供します。\n'.repeat(36000);
  const webext = fakeWebext({ tabMessages: async () => ({ ok: true, text: long, title: 'P', url: 'https://www.example.de/datenschutz' }) });
  const fetchImpl = fakeApi();
  const controller = createController({ webext, fetchImpl, now: () => 1 });
  await controller.handlePage(TAB, page('https://www.example.de/datenschutz', { detection: { isPolicy: true } }));
  const sent = JSON.parse(fetchImpl.calls.find((c) => c.url.endsWith('/score')).init.body).text;
  assert.ok(long.length < 2_000_000 && new TextEncoder().encode(long).length > 2 * 1024 * 1024, 'the case the character limit missed');
  assert.ok(new TextEncoder().encode(sent).length <= 2 * 1024 * 1024);
  assert.ok(sent.length > 600_000 && sent.endsWith('。'), 'cut at a line break, not mid-sentence');
});

// --- change alerts ----------------------------------------------------------------------------

const V1 = 'd1'.repeat(32);
const V2 = 'd2'.repeat(32);

test('change alerts: first visit remembered silently; a new report id later shows the marker until seen', async () => {
  const graded = { 'example.co.uk': { grade: 'B', score: 81, report_id: V1 } };
  const siteRecords = { 'example.co.uk': { site: 'example.co.uk', history: [
    { id: V2, grade: 'D', score: 48, risks: ['broad_disclosure', 'retention_after_deletion'], first_seen: '2026-11-03T10:00:00Z' },
    { id: V1, grade: 'B', score: 81, risks: ['broad_disclosure'], first_seen: '2026-03-01T10:00:00Z' },
  ] } };
  const { webext, fetchImpl, controller } = setup({ graded, siteRecords });
  await controller.handlePage(TAB, page('https://www.example.co.uk/'));
  assert.equal(webext.badges.get(TAB).text, 'B');
  assert.equal((await webext.storage.local.get('seen:example.co.uk'))['seen:example.co.uk'].reportId, V1);

  graded['example.co.uk'] = { grade: 'D', score: 48, report_id: V2 };
  await webext.storage.local.remove(Object.keys(await webext.storage.local.get(null)).filter((k) => k.startsWith('prefix:')));
  await controller.handlePage(TAB, page('https://www.example.co.uk/shop'));
  assert.equal(webext.badges.get(TAB).text, 'D\u2022');
  assert.match(webext.badges.get(TAB).title, /changed since you last saw it \(was B\)/);
  const state = await getTabState(webext.storage.session, TAB);
  assert.deepEqual(state.change.from.grade, 'B');
  assert.deepEqual(state.change.to.reportId, V2);

  // "What changed?" reads the site's history (the one request that names the site, on a button press).
  assert.deepEqual(await controller.loadChange(TAB), { ok: true });
  assert.ok(fetchImpl.calls.some((c) => c.url.endsWith('/api/v1/sites/example.co.uk')));
  const details = (await getTabState(webext.storage.session, TAB)).change.details;
  assert.deepEqual(details, { gradeFrom: 'B', gradeTo: 'D', added: ['retention_after_deletion'], removed: [], versions: 1, since: '2026-11-03T10:00:00Z', known: true });

  // The popup showed it: the marker goes, and the next visit compares with the new report.
  await controller.acknowledgeChange(TAB);
  assert.equal(webext.badges.get(TAB).text, 'D');
  await controller.handlePage(TAB, page('https://www.example.co.uk/about'));
  assert.equal((await getTabState(webext.storage.session, TAB)).change, null);
  assert.equal(webext.badges.get(TAB).text, 'D');
});

test('change alerts off: no marker, nothing remembered', async () => {
  const graded = { 'example.co.uk': { grade: 'B', score: 81, report_id: V1 } };
  const { webext, controller } = setup({ graded });
  await webext.storage.local.set({ settings: { apiBase: API, autoCapture: true, changeAlerts: false } });
  await controller.handlePage(TAB, page('https://www.example.co.uk/'));
  assert.deepEqual(Object.keys(await webext.storage.local.get(null)).filter((k) => k.startsWith('seen:')), []);
  assert.equal(webext.badges.get(TAB).text, 'B');
});
