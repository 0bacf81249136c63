/** The user's settings (API base URL, automatic capture, change alerts), their validation and storage. */

export const DEFAULT_API_BASE = 'http://127.0.0.1:8000';
export const DEFAULT_SETTINGS = Object.freeze({ apiBase: DEFAULT_API_BASE, autoCapture: true, changeAlerts: true });
export const SETTINGS_KEY = 'settings';

/**
 * Checks a user-typed API base URL: http(s) only, no credentials, query or fragment; returns
 * `{ok: true, value}` with the trailing slash removed, or `{ok: false, error}` saying what is wrong.
 */
export function normalizeApiBase(input) {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, error: 'Enter the API base URL, e.g. http://127.0.0.1:8000' };
  let url;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: 'That is not a URL; it should look like https://policygrade.example.org' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'The API URL must start with http:// or https://' };
  if (url.username || url.password) return { ok: false, error: 'The API URL must not contain a user name or password' };
  if (url.search || url.hash) return { ok: false, error: 'The API URL must not have a ?query or #fragment' };
  return { ok: true, value: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

/** Host-permission match pattern for an http(s) URL's host (ports are not part of Firefox patterns). */
export function originPattern(url) {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** The server's human-readable report page for a site. */
export function siteReportUrl(apiBase, site) {
  return `${apiBase}/sites/${encodeURIComponent(site)}`;
}

/** Stored settings merged over the defaults; invalid stored values fall back to the default. */
export async function loadSettings(storageArea) {
  const stored = (await storageArea.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {};
  const apiBase = normalizeApiBase(stored.apiBase ?? '');
  return {
    apiBase: apiBase.ok ? apiBase.value : DEFAULT_SETTINGS.apiBase,
    autoCapture: typeof stored.autoCapture === 'boolean' ? stored.autoCapture : DEFAULT_SETTINGS.autoCapture,
    changeAlerts: typeof stored.changeAlerts === 'boolean' ? stored.changeAlerts : DEFAULT_SETTINGS.changeAlerts,
  };
}

/** Validates and stores a partial settings change; throws TypeError with a user-facing message. */
export async function saveSettings(storageArea, patch) {
  const current = await loadSettings(storageArea);
  const next = { ...current };
  if ('apiBase' in patch) {
    const apiBase = normalizeApiBase(patch.apiBase);
    if (!apiBase.ok) throw new TypeError(apiBase.error);
    next.apiBase = apiBase.value;
  }
  if ('autoCapture' in patch) next.autoCapture = Boolean(patch.autoCapture);
  if ('changeAlerts' in patch) next.changeAlerts = Boolean(patch.changeAlerts);
  await storageArea.set({ [SETTINGS_KEY]: next });
  return next;
}
