/** The API's text limit, counted as the API counts it: UTF-8 bytes, not characters. */

/** The API's default MAX_TEXT_BYTES (api/config.py): 2 MiB of UTF-8. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** UTF-8 size of a string; a lone surrogate counts 3 bytes (as U+FFFD, and as Python's surrogatepass). */
export function utf8Bytes(text) {
  return new TextEncoder().encode(String(text)).length;
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, never inside a character; when it has to cut, it
 * cuts at the last line break in the final tenth, so the API does not score half a sentence.
 * Returns `{text, clipped}`.
 */
export function clipToUtf8Bytes(text, maxBytes = MAX_TEXT_BYTES) {
  const value = String(text);
  // Cheap bound first: a UTF-16 code unit is at most 3 UTF-8 bytes (a pair of them is 4).
  if (value.length * 3 <= maxBytes) return { text: value, clipped: false };
  const buffer = new Uint8Array(maxBytes);
  const { read } = new TextEncoder().encodeInto(value, buffer);
  if (read >= value.length) return { text: value, clipped: false };
  let cut = value.slice(0, read);
  const lastBreak = cut.lastIndexOf('\n');
  if (lastBreak >= cut.length * 0.9) cut = cut.slice(0, lastBreak);
  return { text: cut, clipped: true };
}
