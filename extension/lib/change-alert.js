/**
 * Change alerts: the site report the user last saw, per site, in chrome.storage.local, and what
 * changed since (grade from/to, risks added/removed, from the API's history). Nothing about visits
 * leaves the browser: the comparison runs on the prefix bucket the extension fetches anyway.
 */

const SEEN_KEY = 'seen:';
/** Sites remembered; the least recently seen go first. */
export const MAX_SEEN_SITES = 2000;

/** The record of what the user last saw for `site`, or null. */
export async function getSeen(localArea, site) {
  return (await localArea.get(SEEN_KEY + site))[SEEN_KEY + site] ?? null;
}

/**
 * Remembers that the user saw report `reportId` (grade, score, and the detected risk ids when the
 * full report was at hand) for `site`; prunes the oldest records beyond MAX_SEEN_SITES.
 */
export async function rememberSeen(localArea, site, { reportId, grade = null, score = null, risks = null }, nowMs) {
  await localArea.set({ [SEEN_KEY + site]: { reportId, grade, score, risks: Array.isArray(risks) ? risks : null, seenAt: nowMs } });
  const all = await localArea.get(null);
  const seen = Object.entries(all).filter(([key]) => key.startsWith(SEEN_KEY));
  if (seen.length <= MAX_SEEN_SITES) return;
  seen.sort(([, a], [, b]) => (b.seenAt ?? 0) - (a.seenAt ?? 0));
  await localArea.remove(seen.slice(MAX_SEEN_SITES).map(([key]) => key));
}

/** Forgets every remembered site (the options page's "Clear cached data"); returns how many. */
export async function clearSeen(localArea) {
  const keys = Object.keys(await localArea.get(null)).filter((key) => key.startsWith(SEEN_KEY));
  if (keys.length) await localArea.remove(keys);
  return keys.length;
}

/** Ids of the risks a report marks as detected, or null when there is no report. */
export function detectedRiskIds(report) {
  if (!report || !Array.isArray(report.risks)) return null;
  return report.risks.filter((risk) => risk && risk.detected === true && typeof risk.id === 'string').map((risk) => risk.id);
}

/**
 * The change between what was seen and the site's current record (`{reportId, grade, score}`),
 * or null when nothing was seen before or the report is the same.
 */
export function changeSince(seen, current) {
  if (!seen || !current || typeof current.reportId !== 'string' || seen.reportId === current.reportId) return null;
  return {
    from: { reportId: seen.reportId, grade: seen.grade ?? null, score: seen.score ?? null, risks: seen.risks ?? null, seenAt: seen.seenAt ?? null },
    to: { reportId: current.reportId, grade: current.grade ?? null, score: current.score ?? null },
    acknowledged: false,
    details: null,
  };
}

/**
 * What changed, from the site record of GET /api/v1/sites/<site> (its history is newest first):
 * `{gradeFrom, gradeTo, added, removed, versions, since, known}`. `known` is false when the version
 * the user saw is not in the history (then risks come from the local record, when it has them).
 */
export function changeDetails(siteRecord, change) {
  const history = Array.isArray(siteRecord?.history) ? siteRecord.history.filter((e) => e && typeof e.id === 'string') : [];
  const toIndex = Math.max(0, history.findIndex((e) => e.id === change.to.reportId));
  const to = history[toIndex] ?? null;
  const fromIndex = history.findIndex((e) => e.id === change.from.reportId);
  const from = fromIndex >= 0 ? history[fromIndex] : null;
  const toRisks = Array.isArray(to?.risks) ? to.risks : [];
  const fromRisks = from && Array.isArray(from.risks) ? from.risks : change.from.risks;
  return {
    gradeFrom: from ? from.grade ?? null : change.from.grade,
    gradeTo: to ? to.grade ?? null : change.to.grade,
    added: Array.isArray(fromRisks) ? toRisks.filter((r) => !fromRisks.includes(r)) : null,
    removed: Array.isArray(fromRisks) ? fromRisks.filter((r) => !toRisks.includes(r)) : null,
    // Versions published after the one the user saw, up to the current one.
    versions: fromIndex > toIndex ? fromIndex - toIndex : null,
    since: typeof to?.first_seen === 'string' ? to.first_seen : null,
    known: Boolean(from),
  };
}
