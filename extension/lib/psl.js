/** Registrable domain ("eTLD+1") of a hostname by the Public Suffix List, as the API computes it. */
// Algorithm from https://publicsuffix.org/list/ ("Formal algorithm"): the prevailing rule is an
// exception rule if one matches, else the matching rule with the most labels, else the implicit "*".
// The server uses Python's publicsuffixlist `privatesuffix()` on the same list (vendored at the
// same version by scripts/vendor-extension-deps.mjs), private section included (foo.github.io).
import { PSL_RULES } from '../vendor/psl-rules.js';

const EXACT = new Set();
const EXCEPTIONS = new Set();
for (const rule of PSL_RULES.split('\n')) {
  if (rule.startsWith('!')) EXCEPTIONS.add(rule.slice(1));
  else EXACT.add(rule);
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** True for IPv4 literals and bracketed or bare IPv6 literals, which have no registrable domain. */
export function isIpAddress(host) {
  return IPV4.test(host) || host.includes(':') || (host.startsWith('[') && host.endsWith(']'));
}

/** Lower-cased hostname without a trailing dot, or null for something that is not a DNS name. */
export function normalizeHost(host) {
  if (typeof host !== 'string') return null;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!h || h.startsWith('.') || h.includes('..') || /[\s/?#@]/.test(h)) return null;
  return h;
}

/** Number of trailing labels of `labels` that form the public suffix. */
function publicSuffixLength(labels) {
  let best = 1; // the implicit "*" rule: an unknown TLD is a public suffix of one label
  for (let i = 0; i < labels.length; i += 1) {
    const candidate = labels.slice(i).join('.');
    const wildcard = ['*', ...labels.slice(i + 1)].join('.');
    const length = labels.length - i;
    if (EXCEPTIONS.has(candidate)) return length - 1; // exceptions always prevail
    if ((EXACT.has(candidate) || (length > 1 && EXACT.has(wildcard))) && length > best) best = length;
  }
  return best;
}

/** Public suffix of a hostname ("co.uk" for "www.example.co.uk"), or null for IPs and bad input. */
export function publicSuffix(host) {
  const h = normalizeHost(host);
  if (!h || isIpAddress(h)) return null;
  const labels = h.split('.');
  return labels.slice(labels.length - publicSuffixLength(labels)).join('.');
}

/**
 * Registrable domain ("example.co.uk" for "www.example.co.uk"); null when the host is itself a
 * public suffix ("co.uk", "localhost"), an IP address, or not a hostname.
 */
export function registrableDomain(host) {
  const h = normalizeHost(host);
  if (!h || isIpAddress(h)) return null;
  const labels = h.split('.');
  const suffixLength = publicSuffixLength(labels);
  if (labels.length <= suffixLength) return null;
  return labels.slice(labels.length - suffixLength - 1).join('.');
}

/**
 * The "site" key the API files reports under for a host (api/domains.py `registrable_domain`): the
 * registrable domain, or the host itself for IPs and single-label hosts (localhost, intranet names);
 * null for a host that is itself a public suffix ("co.uk").
 */
export function siteOfHost(host) {
  const h = normalizeHost(host);
  if (!h) return null;
  // URL.hostname keeps IPv6 brackets; Python's urlsplit drops them: key on the bare address.
  if (isIpAddress(h)) return h.replace(/^\[(.*)\]$/, '$1');
  if (!h.includes('.')) return h;
  return registrableDomain(h);
}

/** `url` parsed, when it is a web page's (http or https); null for anything else or unparseable. */
export function parseWebUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
}

/** The site of a page URL (see siteOfHost); null for non-http(s) URLs (browser pages, files). */
export function siteOfUrl(url) {
  const parsed = parseWebUrl(url);
  return parsed ? siteOfHost(parsed.hostname) : null;
}
