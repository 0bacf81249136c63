/** Validating the prefix endpoint's answer and matching the user's site in it, locally. */
import { isGrade } from './badge.js';

/** How long a fetched bucket is trusted before it is fetched again. */
export const PREFIX_TTL_MS = 60 * 60 * 1000;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks the shape of `GET /api/v1/sites/prefix/<prefix>` and keeps only well-formed entries of that
 * bucket. Throws TypeError when the body is not that shape (the caller reports a bad response).
 */
export function parsePrefixResponse(body, prefix) {
  if (!body || typeof body !== 'object' || !Array.isArray(body.sites)) {
    throw new TypeError('prefix response has no "sites" list');
  }
  if (body.prefix !== undefined && body.prefix !== prefix) {
    throw new TypeError(`prefix response is for bucket ${String(body.prefix)}, not ${prefix}`);
  }
  const sites = [];
  for (const entry of body.sites) {
    if (!entry || typeof entry !== 'object') continue;
    const hash = typeof entry.site_hash === 'string' ? entry.site_hash.toLowerCase() : '';
    // An entry outside the bucket or without a real hash can never be a correct match: drop it.
    if (!HEX64.test(hash) || !hash.startsWith(prefix) || typeof entry.site !== 'string') continue;
    sites.push({
      site: entry.site,
      site_hash: hash,
      grade: isGrade(entry.grade) ? entry.grade : null,
      score: Number.isFinite(entry.score) ? entry.score : null,
      report_id: typeof entry.report_id === 'string' ? entry.report_id : null,
      updated_at: typeof entry.updated_at === 'string' ? entry.updated_at : null,
    });
  }
  return { prefix, sites };
}

/** The bucket entry for `site` (matched on the full hash and the name), or null. */
export function matchSite(bucket, site, siteHash) {
  const hash = siteHash.toLowerCase();
  return bucket.sites.find((entry) => entry.site_hash === hash && entry.site === site) ?? null;
}

/** True while a cached bucket (`{fetchedAt, ...}`) is younger than the time to live. */
export function isFresh(cached, nowMs, ttlMs = PREFIX_TTL_MS) {
  return Boolean(cached) && Number.isFinite(cached.fetchedAt) && nowMs - cached.fetchedAt >= 0 && nowMs - cached.fetchedAt < ttlMs;
}
