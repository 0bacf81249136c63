// API client: requests it makes and how every failure maps to an ApiError kind and message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, createApiClient, parseRetryAfter } from '../../extension/lib/api-client.js';
import { fakeFetch, json } from './helpers.mjs';

const BASE = 'http://127.0.0.1:8000';

async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

test('score POSTs JSON {text, url, title} without cookies and returns the report', async () => {
  const fetchImpl = fakeFetch(() => json({ id: 'abc', grade: 'B' }));
  const api = createApiClient({ baseUrl: BASE, fetchImpl });
  assert.deepEqual(await api.score({ text: 'We collect data.', url: 'https://example.com/privacy', title: 'Privacy' }), { id: 'abc', grade: 'B' });
  const [{ url, init }] = fetchImpl.calls;
  assert.equal(url, `${BASE}/api/v1/score`);
  assert.equal(init.method, 'POST');
  assert.equal(init.credentials, 'omit');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(init.body), { text: 'We collect data.', url: 'https://example.com/privacy', title: 'Privacy' });
});

test('sitesByPrefix asks only for the 4-hex bucket and refuses anything else before any request', async () => {
  const fetchImpl = fakeFetch(() => json({ prefix: 'ab12', sites: [] }));
  const api = createApiClient({ baseUrl: `${BASE}/`, fetchImpl });
  await api.sitesByPrefix('ab12');
  assert.equal(fetchImpl.calls[0].url, `${BASE}/api/v1/sites/prefix/ab12`);
  for (const bad of ['ab1', 'AB12', 'example.com', '../x']) assert.throws(() => api.sitesByPrefix(bad), TypeError);
  assert.equal(fetchImpl.calls.length, 1);
});

test('429 becomes rate_limited with Retry-After seconds', async () => {
  const api = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => json({ code: 429, status: 'Too Many Requests', message: 'slow down' }, 429, { 'Retry-After': '30' })) });
  const error = await failure(api.score({ text: 'x' }));
  assert.ok(error instanceof ApiError);
  assert.equal(error.kind, 'rate_limited');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfterSeconds, 30);
  assert.match(error.message, /try again in 30 s/);
});

test('429 with an HTTP-date Retry-After counts seconds from now; without one, says "shortly"', async () => {
  const now = Date.parse('2026-11-22T02:00:00Z');
  const dated = createApiClient({ baseUrl: BASE, now: () => now, fetchImpl: fakeFetch(() => new Response('', { status: 429, headers: { 'Retry-After': 'Sun, 22 Nov 2026 02:01:30 GMT' } })) });
  assert.equal((await failure(dated.score({ text: 'x' }))).retryAfterSeconds, 90);
  const bare = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => new Response('', { status: 429 })) });
  const error = await failure(bare.score({ text: 'x' }));
  assert.equal(error.retryAfterSeconds, null);
  assert.match(error.message, /try again shortly/);
});

test('network failure becomes kind "network" naming the configured URL', async () => {
  const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', fetchImpl: fakeFetch(() => { throw new TypeError('Failed to fetch'); }) });
  const error = await failure(api.sitesByPrefix('abcd'));
  assert.equal(error.kind, 'network');
  assert.equal(error.baseUrl, 'http://127.0.0.1:9');
  assert.equal(error.message, 'Cannot reach the policygrade API at http://127.0.0.1:9.');
});

test('a request that hangs is aborted and reported as a timeout', async () => {
  const hang = (url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  const api = createApiClient({ baseUrl: BASE, timeoutMs: 20, fetchImpl: hang });
  const error = await failure(api.score({ text: 'x' }));
  assert.equal(error.kind, 'timeout');
});

test('4xx with the API error envelope: message from the body, field errors kept', async () => {
  const body = { code: 422, status: 'Unprocessable Entity', message: 'Invalid request: text is empty', errors: { json: { text: ['must not be blank'] } } };
  const api = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => json(body, 422)) });
  const error = await failure(api.score({ text: ' ' }));
  assert.equal(error.kind, 'http');
  assert.equal(error.status, 422);
  assert.equal(error.message, 'The policygrade API answered 422: Invalid request: text is empty');
  assert.deepEqual(error.errors, body.errors);
});

test('non-JSON error bodies and 5xx still give a clear message; hostile long messages are clipped', async () => {
  const html = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => new Response('<h1>Bad Gateway</h1>', { status: 502, statusText: 'Bad Gateway' })) });
  assert.equal((await failure(html.report('ab'.repeat(32)))).message, 'The policygrade API answered 502: Bad Gateway');
  const long = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => json({ message: 'x'.repeat(5000) }, 400)) });
  assert.ok((await failure(long.score({ text: 'x' }))).message.length < 400);
});

test('a 2xx that is not JSON is a bad_response', async () => {
  const api = createApiClient({ baseUrl: BASE, fetchImpl: fakeFetch(() => new Response('<html>captive portal</html>', { status: 200 })) });
  assert.equal((await failure(api.sitesByPrefix('abcd'))).kind, 'bad_response');
});

test('ApiError.toJSON is plain data that survives structured cloning', () => {
  const error = new ApiError({ kind: 'rate_limited', message: 'm', status: 429, retryAfterSeconds: 5, baseUrl: BASE });
  assert.deepEqual(structuredClone(error.toJSON()), { kind: 'rate_limited', message: 'm', status: 429, retryAfterSeconds: 5, baseUrl: BASE });
});

// [header, seconds]: valid forms beside invalid ones.
const RETRY_AFTER = [['120', 120], ['0', 0], ['Sun, 22 Nov 2026 02:00:10 GMT', 10], ['Sun, 22 Nov 2026 01:00:00 GMT', 0], ['soon', null], ['', null], [null, null], ['-5', null]];
for (const [header, seconds] of RETRY_AFTER) {
  test(`parseRetryAfter(${JSON.stringify(header)}) is ${seconds}`, () => {
    assert.equal(parseRetryAfter(header, Date.parse('2026-11-22T02:00:00Z')), seconds);
  });
}
