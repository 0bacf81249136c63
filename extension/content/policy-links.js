/*
 * Finds a site's privacy-policy link among a page's links: rel="privacy-policy" first (the HTML
 * link type registered for exactly this), then footer links named Privacy / Privacy Policy /
 * Privacy Notice (and the policy names of other languages, from policy-page.js). Classic script
 * (content scripts cannot be modules): adds `policygrade.findPolicyLink` and `policygrade.linkNamesPolicy`.
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  // Link texts, strongest first. The score is how sure we are the link is the policy itself.
  const NAMES = [
    [/^(our |view |read (our )?)?privacy( policy| notice| statement)?$/i, 60],
    [/^(privacy|data protection)( and | & )cookies?( policy| notice)?$/i, 50],
    [/^datenschutz(erkl(ä|ae)rung|hinweise)?$/i, 50],
    [/^(data protection|privacy) (policy|notice|statement|information)$/i, 50],
    [/^(politique de confidentialit[ée]|pol[ií]tica de privacidad|privacidad)$/i, 50],
    [/\bprivacy (policy|notice|statement)\b/i, 35], // "Read our Privacy Policy here"
  ];
  // Privacy-related links that are not the policy (settings pages, CCPA opt-out forms).
  const NOT_POLICY = /\b(settings|preferences|choices|manage|do not sell|don't sell|opt[- ]?out|request|dashboard|center|centre|shield)\b/i;
  const FOOTER_BONUS = 15;
  const MIN_SCORE = 35;
  const OTHER_NAME_SCORE = 50;

  function normalize(text) {
    return String(text || '').replace(/\s+/g, ' ').trim();
  }

  function relTokens(rel) {
    return normalize(rel).toLowerCase().split(' ').filter(Boolean);
  }

  function absoluteHttpUrl(href, pageUrl) {
    try {
      const u = new URL(href, pageUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      return u;
    } catch (e) {
      return null;
    }
  }

  function nameScore(link) {
    const labels = [link.text, link.ariaLabel, link.title].map(normalize).filter(Boolean);
    let best = 0;
    for (const label of labels) {
      if (label.length > 80 || NOT_POLICY.test(label)) continue;
      for (const [re, score] of NAMES) {
        if (re.test(label)) { best = Math.max(best, score); break; }
      }
      // The policy names of other languages (policy-page.js, loaded first in the content script).
      if (typeof ns.namesPolicy === 'function' && ns.namesPolicy(label)) best = Math.max(best, OTHER_NAME_SCORE);
    }
    return best;
  }

  /** True when a link's text, aria-label or title names a privacy policy (a click on it is "followed"). */
  function linkNamesPolicy(link) {
    return Boolean(link) && nameScore(link) >= MIN_SCORE;
  }

  /**
   * findPolicyLink({links: [{href, text, rel, ariaLabel, title, inFooter}], pageUrl})
   *   -> {url, text, reason} | null
   * Links are in document order; among equal scores the last one wins, because the site-wide
   * footer comes after in-content mentions.
   */
  function findPolicyLink(input) {
    const links = Array.isArray(input && input.links) ? input.links : [];
    const pageUrl = String((input && input.pageUrl) || '');
    let page = null;
    try { page = new URL(pageUrl); } catch (e) { page = null; }
    let best = null;
    for (const link of links) {
      if (!link || typeof link.href !== 'string') continue;
      const url = absoluteHttpUrl(link.href, pageUrl);
      if (!url) continue; // javascript:, mailto:, malformed
      // A link to this very page (or one of its #anchors) does not lead anywhere new.
      if (page && url.origin === page.origin && url.pathname === page.pathname && url.search === page.search) continue;
      let score = 0;
      let reason = '';
      if (relTokens(link.rel).includes('privacy-policy')) { score = 100; reason = 'rel'; }
      const named = nameScore(link);
      if (named > score) { score = named; reason = 'text'; }
      if (!score) continue;
      if (link.inFooter) score += FOOTER_BONUS;
      if (score >= MIN_SCORE && (!best || score >= best.score)) {
        url.hash = '';
        best = { url: url.href, text: normalize(link.text).slice(0, 200), reason: link.inFooter ? reason + '+footer' : reason, score };
      }
    }
    return best ? { url: best.url, text: best.text, reason: best.reason } : null;
  }

  ns.findPolicyLink = findPolicyLink;
  ns.linkNamesPolicy = linkNamesPolicy;
})(globalThis);
