/** The policygrade API client: one function per endpoint, every failure mapped to an ApiError. */

/*
 * ApiError.kind
 *  ├── network       the API could not be reached (fetch rejected): show the configured URL
 *  ├── timeout       no answer within timeoutMs
 *  ├── rate_limited  HTTP 429; retryAfterSeconds from the Retry-After header when present
 *  ├── http          any other non-2xx; message from the API's {"code","status","message","errors"} body
 *  └── bad_response  a 2xx whose body is not the JSON we expect
 */
export class ApiError extends Error {
  /** An API failure the UI can explain; `kind` is one of the five above. */
  constructor({ kind, message, status = null, retryAfterSeconds = null, baseUrl = null, errors = null }) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.baseUrl = baseUrl;
    this.errors = errors;
  }

  /** Plain data for chrome.storage and messages (Error objects do not survive structured cloning). */
  toJSON() {
    const { kind, message, status, retryAfterSeconds, baseUrl } = this;
    return { kind, message, status, retryAfterSeconds, baseUrl };
  }
}

const MAX_MESSAGE_LENGTH = 300;

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP-date, RFC 9110 §10.2.3), or null. */
export function parseRetryAfter(value, nowMs = Date.now()) {
  if (typeof value !== 'string' || !value.trim()) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP-date names its weekday and month ("Sun, 06 Nov 1994 08:49:37 GMT"); "-5" is no date.
  if (!/[a-z]{3}/i.test(text)) return null;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - nowMs) / 1000));
}

function clip(text) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length > MAX_MESSAGE_LENGTH ? `${s.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : s;
}

/** Reads a JSON body, or returns undefined when there is none or it is not JSON. */
async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The ApiError for a non-2xx response (reads the body's `message` when it is our error envelope). */
export async function errorFromResponse(response, baseUrl, nowMs = Date.now()) {
  const body = await readJson(response);
  const apiMessage = body && typeof body.message === 'string' && body.message.trim() ? clip(body.message) : null;
  const errors = body && typeof body.errors === 'object' ? body.errors : null;
  if (response.status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'), nowMs);
    const wait = retryAfterSeconds === null ? 'shortly' : `in ${retryAfterSeconds} s`;
    return new ApiError({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds,
      baseUrl,
      message: `Too many requests to the policygrade API; try again ${wait}.`,
    });
  }
  const detail = apiMessage ?? (response.statusText || 'request failed');
  return new ApiError({
    kind: 'http',
    status: response.status,
    baseUrl,
    errors,
    message: `The policygrade API answered ${response.status}: ${detail}`,
  });
}

/** Joins a base URL (no trailing slash) and an absolute API path. */
function endpoint(baseUrl, path) {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * A client bound to one base URL. `fetchImpl` is injectable for tests; requests that take longer
 * than `timeoutMs` are aborted and reported as kind "timeout".
 */
export function createApiClient({ baseUrl, fetchImpl = globalThis.fetch, timeoutMs = 30000, now = Date.now }) {
  async function request(path, init = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetchImpl(endpoint(baseUrl, path), {
        ...init,
        headers: { Accept: 'application/json', ...(init.headers ?? {}) },
        signal: controller.signal,
        credentials: 'omit', // the API needs no cookies; never send the user's
        cache: 'no-store',
      });
    } catch (error) {
      const timedOut = controller.signal.aborted;
      throw new ApiError({
        kind: timedOut ? 'timeout' : 'network',
        baseUrl,
        message: timedOut
          ? `The policygrade API at ${baseUrl} did not answer within ${Math.round(timeoutMs / 1000)} s.`
          : `Cannot reach the policygrade API at ${baseUrl}.`,
      });
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) throw await errorFromResponse(response, baseUrl, now());
    const body = await readJson(response);
    if (body === undefined || body === null || typeof body !== 'object') {
      throw new ApiError({ kind: 'bad_response', status: response.status, baseUrl, message: `The policygrade API at ${baseUrl} sent a response that is not JSON.` });
    }
    return body;
  }

  return {
    baseUrl,
    /** POST /api/v1/score: the report for a policy text (and the URL it came from). */
    score({ text, url, title }) {
      const payload = { text };
      if (url) payload.url = url;
      if (title) payload.title = title.slice(0, 500);
      return request('/api/v1/score', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
    },
    /** GET /api/v1/sites/prefix/<prefix>: every graded site whose sha256 starts with the prefix. */
    sitesByPrefix(prefix) {
      if (!/^[0-9a-f]{4}$/.test(prefix)) throw new TypeError('prefix must be 4 lower-case hex characters');
      return request(`/api/v1/sites/prefix/${prefix}`);
    },
    /** GET /api/v1/sites/<site>: a site's current report and history (asked only on a button press). */
    site(site) {
      if (typeof site !== 'string' || !/^[a-z0-9.-]{1,253}$/i.test(site)) throw new TypeError('site must be a host name');
      return request(`/api/v1/sites/${encodeURIComponent(site)}`);
    },
    /** GET /api/v1/reports/<id>: one stored report. */
    report(reportId) {
      if (!/^[0-9a-f]{16,128}$/i.test(reportId)) throw new TypeError('report id must be hex');
      return request(`/api/v1/reports/${reportId}`);
    },
  };
}
