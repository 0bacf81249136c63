/** sha256 of a site name and the 4-hex-character bucket prefix sent to the API instead of the site. */
// 4 hex characters = 65,536 buckets: enough sites share a bucket that the server cannot tell which
// one the user looked up (a k-anonymity range query, as in Have I Been Pwned's password API).
export const PREFIX_LENGTH = 4;

/** Lower-case hex sha256 of the UTF-8 bytes of `text` (Web Crypto: works in workers and node). */
export async function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The bucket prefix of a full hex hash. */
export function prefixOf(hashHex) {
  if (typeof hashHex !== 'string' || !/^[0-9a-f]{64}$/.test(hashHex)) {
    throw new TypeError('prefixOf needs a 64-character lower-case hex sha256');
  }
  return hashHex.slice(0, PREFIX_LENGTH);
}
