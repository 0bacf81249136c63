/** Cached grade buckets and reports in chrome.storage.local: keys, expiry, pruning and clearing. */
import { isFresh, PREFIX_TTL_MS } from './prefix-lookup.js';

const PREFIX_KEY = 'prefix:';
const REPORT_KEY = 'report:';
/** Reports kept for the popup of sites the user scored; the oldest go first. */
export const MAX_CACHED_REPORTS = 50;

/** A fresh cached bucket `{fetchedAt, prefix, sites}`, or null when missing or expired. */
export async function getCachedBucket(localArea, prefix, nowMs, ttlMs = PREFIX_TTL_MS) {
  const cached = (await localArea.get(PREFIX_KEY + prefix))[PREFIX_KEY + prefix];
  return isFresh(cached, nowMs, ttlMs) ? cached : null;
}

/** Stores a bucket with its fetch time. */
export async function putCachedBucket(localArea, bucket, nowMs) {
  await localArea.set({ [PREFIX_KEY + bucket.prefix]: { ...bucket, fetchedAt: nowMs } });
}

/** Drops a bucket (after scoring a site in it, the server's bucket has changed). */
export async function dropCachedBucket(localArea, prefix) {
  await localArea.remove(PREFIX_KEY + prefix);
}

/** The last full report the user scored for a site, or null. */
export async function getCachedReport(localArea, site) {
  return (await localArea.get(REPORT_KEY + site))[REPORT_KEY + site]?.report ?? null;
}

/** Keeps a site's report, and prunes the oldest beyond MAX_CACHED_REPORTS. */
export async function putCachedReport(localArea, site, report, nowMs) {
  await localArea.set({ [REPORT_KEY + site]: { savedAt: nowMs, report } });
  const all = await localArea.get(null);
  const reports = Object.entries(all)
    .filter(([key]) => key.startsWith(REPORT_KEY))
    .sort(([, a], [, b]) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
  const stale = reports.slice(MAX_CACHED_REPORTS).map(([key]) => key);
  if (stale.length) await localArea.remove(stale);
}

/** Removes every cached bucket and report (settings stay); returns how many entries went. */
export async function clearCachedData(localArea, sessionArea) {
  const all = await localArea.get(null);
  const keys = Object.keys(all).filter((key) => key.startsWith(PREFIX_KEY) || key.startsWith(REPORT_KEY));
  if (keys.length) await localArea.remove(keys);
  if (sessionArea) await sessionArea.clear();
  return keys.length;
}
