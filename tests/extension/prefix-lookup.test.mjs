// Prefix buckets: validate the API's answer, then match the user's site locally.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFresh, matchSite, parsePrefixResponse, PREFIX_TTL_MS } from '../../extension/lib/prefix-lookup.js';
import { prefixOf, sha256Hex } from '../../extension/lib/site-hash.js';

async function entry(site, extra = {}) {
  return { site, site_hash: await sha256Hex(site), grade: 'C', score: 62, report_id: 'ab'.repeat(32), updated_at: '2026-11-22T01:00:00Z', ...extra };
}

test('matchSite finds the site by full hash and name among its bucket neighbours', async () => {
  const mine = await entry('example.co.uk');
  const prefix = prefixOf(mine.site_hash);
  const neighbour = { ...(await entry('other.example')), site_hash: prefix + 'f'.repeat(60) };
  const bucket = parsePrefixResponse({ prefix, sites: [neighbour, mine] }, prefix);
  assert.deepEqual(matchSite(bucket, 'example.co.uk', mine.site_hash), { ...mine });
});

test('matchSite answers null for a site not in the bucket, and for a name whose hash differs', async () => {
  const mine = await entry('example.co.uk');
  const prefix = prefixOf(mine.site_hash);
  const bucket = parsePrefixResponse({ prefix, sites: [mine] }, prefix);
  assert.equal(matchSite(bucket, 'example.com', await sha256Hex('example.com')), null);
  // Same hash claimed for a different name: never trust a name/hash pair that does not agree.
  assert.equal(matchSite(bucket, 'evil.example', mine.site_hash), null);
});

test('parsePrefixResponse drops malformed entries and entries from other buckets', async () => {
  const mine = await entry('example.co.uk');
  const prefix = prefixOf(mine.site_hash);
  const body = {
    prefix,
    sites: [
      mine,
      null,
      { ...mine, site_hash: 'zz' }, // not hex
      { ...mine, site_hash: (prefix === '0000' ? '1111' : '0000') + mine.site_hash.slice(4) }, // other bucket
      { ...mine, site: 42 },
      { ...mine, site: 'gradeless.example', site_hash: mine.site_hash.toUpperCase(), grade: 'Z', score: 'high' },
    ],
  };
  const bucket = parsePrefixResponse(body, prefix);
  assert.equal(bucket.sites.length, 2);
  assert.deepEqual(bucket.sites[1], { ...mine, site: 'gradeless.example', grade: null, score: null });
});

test('parsePrefixResponse rejects bodies of the wrong shape', () => {
  for (const body of [null, 'x', {}, { sites: 'no' }, { prefix: 'beef', sites: [] }]) {
    assert.throws(() => parsePrefixResponse(body, 'abcd'), TypeError);
  }
});

test('isFresh: inside the time to live only', () => {
  const now = 10_000_000;
  assert.equal(isFresh({ fetchedAt: now - 1000 }, now), true);
  assert.equal(isFresh({ fetchedAt: now - PREFIX_TTL_MS }, now), false);
  assert.equal(isFresh({ fetchedAt: now + 60_000 }, now), false); // clock went back: refetch
  assert.equal(isFresh(null, now), false);
  assert.equal(isFresh({}, now), false);
});
