// The bucket prefix sent to the API is the first 4 hex characters of sha256(site).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { prefixOf, sha256Hex } from '../../extension/lib/site-hash.js';

test('sha256Hex matches node:crypto for ASCII and non-ASCII input', async () => {
  for (const text of ['example.co.uk', 'policygrade.test', 'bücher.de', '']) {
    assert.equal(await sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
  }
});

test('prefixOf keeps 4 characters of a full hash and refuses anything else', async () => {
  const hash = await sha256Hex('example.com');
  assert.equal(prefixOf(hash), hash.slice(0, 4));
  assert.equal(prefixOf(hash).length, 4);
  for (const bad of ['abc', hash.toUpperCase(), `${hash}0`, null]) assert.throws(() => prefixOf(bad), TypeError);
});
