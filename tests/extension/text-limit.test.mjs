// The text limit in UTF-8 bytes, as the API counts it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipToUtf8Bytes, MAX_TEXT_BYTES, utf8Bytes } from '../../extension/lib/text-limit.js';

test('the limit is the API default, 2 MiB of UTF-8', () => assert.equal(MAX_TEXT_BYTES, 2_097_152));

test('utf8Bytes counts bytes; a lone surrogate counts 3 (U+FFFD)', () => {
  assert.equal(utf8Bytes('abc'), 3);
  assert.equal(utf8Bytes('ü'), 2);
  assert.equal(utf8Bytes('個'), 3);
  assert.equal(utf8Bytes('😀'), 4);
  assert.equal(utf8Bytes('\ud800'), 3);
});

test('short text passes unchanged; long text is cut at a character and preferably a line boundary', () => {
  assert.deepEqual(clipToUtf8Bytes('We keep data.', 100), { text: 'We keep data.', clipped: false });
  const emoji = clipToUtf8Bytes('😀'.repeat(10), 10);
  assert.equal(emoji.text, '😀😀', 'never half a surrogate pair');
  const lines = clipToUtf8Bytes(`${'a'.repeat(95)}\nbbbbbbbbbb`, 100);
  assert.deepEqual(lines, { text: 'a'.repeat(95), clipped: true });
  const noBreak = clipToUtf8Bytes('ü'.repeat(100), 51);
  assert.equal(noBreak.text, 'ü'.repeat(25));
});

test('exactly at the limit is not clipped', () => {
  assert.deepEqual(clipToUtf8Bytes('ü'.repeat(50), 100), { text: 'ü'.repeat(50), clipped: false });
});
