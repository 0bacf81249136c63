/*
 * Is this page a privacy policy? Judged from URL, title, headings and text cues, never from
 * "privacy" in the URL alone (/privacy-settings, /blog/privacy-tips are not policies).
 * Classic script: MV3 content scripts declared in the manifest cannot be ES modules, so this file
 * adds `policygrade.detectPolicyPage` to the content script's global scope (node tests load it
 * with vm, see tests/extension/helpers.mjs).
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  // URL paths that name a policy. Each is a naming habit seen on real sites.
  const URL_PATTERNS = [
    /privacy[-_ ]?(policy|notice|statement|charter)/i, // /privacy-policy, /privacy_notice, /privacypolicy
    /\/(legal\/|policies\/|about\/)?privacy(\.(html?|php|aspx?))?\/?$/i, // /privacy, /legal/privacy.html
    /\/(policies|legal)\/privacy/i, // /policies/privacy?hl=en (Google), /legal/privacy/
    /datenschutz(erkl(ae|ä)rung)?/i, // German sites
    /data[-_]?(protection|privacy)[-_]?(policy|notice)/i, // EU "data protection notice"
    /confidentialite|politica-de-privacidad|privacidad/i, // French, Spanish
  ];

  // Titles and headings that name a policy.
  const NAME_PATTERN = /\b(privacy|data protection|data privacy)\s+(policy|notice|statement|charter|information)\b|\bprivacy\s*&\s*cookies? (policy|notice)\b|\bdatenschutzerkl(ä|ae)rung\b|\bpolitique de confidentialit|\bpol[ií]tica de privacidad\b/i;
  const BARE_PRIVACY_HEADING = /^\s*(our\s+)?privacy\s*$/i;

  // Phrases policies use and other pages rarely do (counted once each).
  const TEXT_CUES = [
    /\bpersonal (data|information)\b/i,
    /\bthird[- ]part(y|ies)\b/i,
    /\bcookies?\b/i,
    /\b(retain|retention|store)\b/i,
    /\bopt[- ]?out\b/i,
    /\byour (rights|choices)\b/i,
    /\bcontact us\b/i,
    /\b(children|under the age of)\b/i,
    /\b(GDPR|CCPA|CPRA|data controller|data protection officer)\b/i,
    /\bthis (privacy )?(policy|notice|statement)\b/i,
    /\b(share|disclose)\b/i,
    /\b(security|safeguards?)\b/i,
  ];

  // First-person data-handling verbs: a policy speaks as "we collect"; a news story about a policy
  // speaks as "the company collects".
  const WE_VERBS = /\bwe (may )?(collect|use|share|process|disclose|retain|store|sell|keep|receive|obtain|transfer)\b/gi;

  const MIN_WORDS = 250;
  const MIN_CUES = 5;
  const MIN_WE_VERBS = 3;

  function words(text) {
    const m = text.match(/\S+/g);
    return m ? m.length : 0;
  }

  function urlPath(url) {
    try {
      const u = new URL(url);
      return decodeURIComponent(u.pathname + u.search);
    } catch (e) {
      return '';
    }
  }

  /**
   * detectPolicyPage({url, title, headings, text}) -> {isPolicy, confidence, reasons}
   * Needs a naming signal (URL, title or heading) and policy-like body text (length, cue phrases,
   * first-person data-handling verbs). `confidence` is 0..1; `reasons` lists what matched.
   */
  function detectPolicyPage(page) {
    const url = String((page && page.url) || '');
    const title = String((page && page.title) || '');
    const headings = Array.isArray(page && page.headings) ? page.headings.map(String) : [];
    const text = String((page && page.text) || '');
    const reasons = [];
    let naming = 0;

    const path = urlPath(url);
    if (URL_PATTERNS.some((re) => re.test(path))) { naming += 1; reasons.push('url'); }
    if (NAME_PATTERN.test(title)) { naming += 1; reasons.push('title'); }
    if (headings.some((h) => NAME_PATTERN.test(h) || BARE_PRIVACY_HEADING.test(h))) { naming += 1; reasons.push('heading'); }

    const wordCount = words(text);
    const cues = TEXT_CUES.filter((re) => re.test(text)).length;
    const weVerbs = (text.match(WE_VERBS) || []).length;
    if (wordCount >= MIN_WORDS) reasons.push('long_text');
    if (cues >= MIN_CUES) reasons.push('policy_phrases');
    if (weVerbs >= MIN_WE_VERBS) reasons.push('first_person_data_verbs');

    const textLooksLikePolicy = wordCount >= MIN_WORDS && cues >= MIN_CUES && weVerbs >= MIN_WE_VERBS;
    const isPolicy = naming >= 1 && textLooksLikePolicy;
    const confidence = Math.min(1, (naming / 3) * 0.5 + (Math.min(cues, TEXT_CUES.length) / TEXT_CUES.length) * 0.3 + Math.min(weVerbs, 10) / 10 * 0.2);
    return { isPolicy, confidence: Math.round(confidence * 100) / 100, reasons };
  }

  ns.detectPolicyPage = detectPolicyPage;
})(globalThis);
