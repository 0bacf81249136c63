/*
 * Is this page a candidate privacy policy? Something must *name* it one (its URL, title or a
 * heading; the controller adds "the link the user followed was named Privacy Policy") and its text
 * must read like one: long enough, with policy vocabulary, in any grammatical person ("we collect",
 * "Acme Hosting collects", "personal data is collected"). A candidate is only sent to the API; the
 * API's `is_policy` is the final word on whether it gets a grade.
 * Classic script: MV3 content scripts declared in the manifest cannot be ES modules, so this file
 * adds `policygrade.detectPolicyPage` and `policygrade.namesPolicy` to the content script's global
 * scope (node tests load it with vm, see tests/extension/helpers.mjs).
 */
(function (root) {
  'use strict';
  const ns = (root.policygrade = root.policygrade || {});

  // URL paths that name a policy. Each is a naming habit seen on real sites. Never "privacy"
  // anywhere in the path: /privacy-settings, /blog/privacy-tips and /account/privacy are not policies.
  const URL_PATTERNS = [
    /privacy[-_ ]?(policy|notice|statement|charter|information)/i, // /privacy-policy, /privacy_notice, /privacypolicy
    /\/(legal\/|policies\/|policy\/|about\/|company\/)?privacy(\.(html?|php|aspx?))?\/?$/i, // /privacy, /legal/privacy.html
    /\/(policies|legal)\/privacy\b/i, // /policies/privacy?hl=en (Google), /legal/privacy/
    /data[-_]?(protection|privacy)[-_]?(policy|notice|statement)?(\.(html?|php))?\/?$/i, // EU "data protection notice"
    /datenschutz(erkl(ae|ä)rung|hinweise?|richtlinie)?/i, // German
    /(politique[-_]de[-_])?confidentialit[eé]/i, // French
    /pol[ií]tica[-_]de[-_]privacidad|aviso[-_]de[-_]privacidad|\/privacidad\b/i, // Spanish
    /informativa[-_](sulla[-_])?privacy|informativa[-_]trattamento/i, // Italian
    /pol[ií]tica[-_]de[-_]privacidade|\/privacidade\b/i, // Portuguese
    /privacybeleid|privacyverklaring/i, // Dutch
    /integritetspolicy|personuppgiftspolicy|privatlivspolitik|personvern/i, // Swedish, Danish, Norwegian
    /polityka[-_]prywatno/i, // Polish
    /tietosuoja/i, // Finnish
  ];

  // Titles, headings and link texts that name a policy, as data: [pattern, language or habit].
  const POLICY_NAMES = [
    [/\b(privacy|data protection|data privacy|personal data|personal information)\s+(policy|notice|statement|charter|information|protection policy)\b/i, 'en'],
    [/\bprivacy\s*(&|and)\s*cookies?\s*(policy|notice|statement)?\b/i, 'en: privacy and cookie policy'],
    [/\bnotice at collection\b/i, 'en: California notice at collection'],
    [/\bdatenschutz(erkl(ä|ae)rung|hinweise?|richtlinie|information(en)?|bestimmungen)\b/i, 'de'],
    [/\bpolitique de (confidentialit[ée]|protection des donn[ée]es)|\bd[ée]claration de confidentialit[ée]|\bavis de confidentialit[ée]/i, 'fr'],
    [/\bpol[ií]tica de (privacidad|protecci[oó]n de datos)|\baviso de privacidad\b/i, 'es'],
    [/\binformativa (sulla |privacy|per il trattamento)|\bpolitica (sulla|della|di) privacy\b/i, 'it'],
    [/\bpol[ií]tica de privacidade\b|\baviso de privacidade\b/i, 'pt'],
    [/\bprivacy(beleid|verklaring)\b/i, 'nl'],
    [/\b(integritetspolicy|personuppgiftspolicy|privatlivspolitik|personvernerkl(æ|ae)ring|tietosuojaseloste|tietosuojaselosteemme)\b/i, 'sv, da, no, fi'],
    [/\bpolityka prywatno(ś|s)ci\b|\bz(á|a)sady ochrany osobn(í|i)ch (ú|u)daj(ů|u)\b/i, 'pl, cs'],
    [/\bgizlilik (politikas|bildirimi)|\bполитика конфиденциальности/i, 'tr, ru'],
    [/プライバシー(ポリシー|・ポリシー)|個人情報(保護方針|の取り扱い)|隐私(政策|声明)|隱私(權)?(政策|聲明)|개인정보\s*처리\s*방침/, 'ja, zh, ko'],
  ];
  // A heading (not a title: "Privacy | Acme" titles are settings pages as often as policies) that is
  // just "Privacy" or "Our privacy" names the page's subject.
  const BARE_PRIVACY_HEADING = /^\s*(our\s+|your\s+)?(privacy|datenschutz|confidentialit[ée]|privacidad)\s*$/i;

  // Policy vocabulary, counted once each; several languages, since the naming may be in any of them.
  // Each family is a topic privacy laws make every policy address (what is collected, use, sharing,
  // cookies, choices, retention, security, children, contact, changes) or a self-reference.
  const TEXT_CUES = [
    /\bpersonal(ly identifiable)? (data|information)\b|\bpersonenbezogene\w* daten\b|\bdonn[ée]es (à caract[èe]re )?personnelles\b|\bdatos personales\b|\bdati personali\b|\bdados pessoais\b|\bpersoonsgegevens\b/i,
    /\bthird[- ]part(y|ies)\b|\bservice providers?\b|\bDritte\w*\b|\btiers\b|\bterceros\b/i,
    /\bcookies?\b|\bweb beacons?\b|\bpixels?\b|\btracking technolog/i,
    /\b(retain|retention|retained|store[sd]?|storage|keep|kept|delete[sd]?|deletion)\b|\bspeicher|\bconserv/i,
    /\bopt(s|ed)?[- ]?(out|in)\b|\bunsubscrib|\bwithdraw\w* (your )?consent\b|\bwiderruf|\bd[ée]sinscri/i,
    /\b(your|their|user'?s?|individual'?s?) (rights|choices)\b|\bright to (access|delete|erasure|object|rectif|correct)|\bIhre Rechte\b|\bvos droits\b|\bsus derechos\b/i,
    /\bcontact (us|the company|our|the data protection)\b|\b(email|write to|reach) us\b|\bkontakt|\bnous contacter\b|\bcontacto\b|@[\w-]+\.\w{2,}/i,
    /\b(children|minors|under the age of|under \d{2}\b)|\bKinder\b|\benfants\b|\bmenores\b/i,
    /\b(GDPR|UK GDPR|CCPA|CPRA|COPPA|PIPEDA|LGPD|DSGVO|RGPD|data controller|controller|data protection officer|DPO)\b/i,
    /\b(this|our|the) (privacy |data protection )?(policy|notice|statement)\b|\bdiese\w* datenschutz|\bla pr[ée]sente politique\b|\besta pol[ií]tica\b/i,
    /\b(share[sd]?|sharing|disclos\w+|sell[s]?|sold|sale of|transfer\w*)\b|\bweitergabe\b|\bweiterge|\bpartag|\bcompart/i,
    /\b(security|safeguards?|encrypt\w*|protect\w*)\b|\bsicherheit\b|\bs[ée]curit[ée]\b|\bseguridad\b/i,
    /\b(collect\w*|gather\w*|obtain\w*|receive[sd]?)\b|\berheb\w*|\bcollect[ée]es?\b|\brecopil\w*|\braccol\w*/i,
    /\bprocess(es|ed|ing)?\b|\bverarbeit\w*|\btraitement\b|\btratamiento\b|\btrattamento\b/i,
    /\b(consent|legal basis|legitimate interest)\w*\b|\beinwilligung\b|\bconsentement\b|\bconsentimiento\b/i,
    /\b(changes?|updates?|amend\w*) (to|of) (this|our|the) (policy|notice|statement|privacy)|\blast (updated|revised|modified)\b|\beffective date\b|\bStand:/i,
  ];

  // Data-handling statements in any person: "we collect", "Acme Hosting uses", "is collected",
  // "data are shared", "the Company may disclose" — a verb of handling near a kind of data.
  const DATA_STATEMENT = /\b(collect|use|share|process|disclose|retain|store|sell|keep|transfer|receive|obtain|gather)(s|es|ed|d|ing)?\b[^.;:!?\n]{0,80}?\b(information|data|details|address(es)?|e-?mails?|cookies|records|content|identifiers?)\b|\b(information|data|details|records)\b[^.;:!?\n]{0,60}?\b(is|are|may be|will be|can be|might be)\s+(collected|used|shared|processed|disclosed|retained|stored|sold|kept|transferred)\b/gi;

  // schema.org types a page declares for itself (JSON-LD or microdata) that make it a story *about*
  // something: news sites and blogs mark their articles so (search engines ask them to), and no
  // privacy policy is a news article or a blog post. WebPage, Article (WordPress/Yoast marks every
  // page "Article") and the like are not on this list.
  const STORY_TYPES = new Set(['NewsArticle', 'ReportageNewsArticle', 'AnalysisNewsArticle', 'OpinionNewsArticle',
    'BackgroundNewsArticle', 'ReviewNewsArticle', 'BlogPosting', 'LiveBlogPosting', 'SocialMediaPosting', 'DiscussionForumPosting']);

  // The same in the other languages whose policy names are recognised (a candidate in German is still
  // a candidate: the API says whether it can read it).
  const DATA_STATEMENT_OTHER = /\b(erheb|verarbeit|speicher|nutz|übermittel|weitergeb|geben|collect|trait|utilis|partage|conserv|recopil|trat|utiliz|comparti|raccogli|trattiam|utilizziam|condividiam|verzamel|verwerk|gebruik)\w*[^.;:!?\n]{0,80}?(daten|données|datos|dati|dados|gegevens)\b|(daten|données|datos|dati|dados|gegevens)\b[^.;:!?\n]{0,60}?(erhoben|erheben|verarbeite|speicher|weiter|lösch|collecté|traité|conservé|recopilad|tratad|raccolt|trattat|verzameld|verwerkt)/gi;

  const MIN_WORDS = 80; // as the API's MIN_POLICY_WORDS: the shortest real policies run ~100 words
  const MIN_CUES = 4; // of TEXT_CUES' 16 families; a 100-word policy about newsletters still has 4-5
  const MIN_DATA_STATEMENTS = 2; // "Privacy policy coming soon" and settings pages have none
  const MAX_TEXT_CHARS = 200000; // judging needs the start of a page, not all of a 2 MB policy

  function words(text) {
    const m = text.match(/\S+/g);
    return m ? m.length : 0;
  }

  function urlPath(url) {
    try {
      const u = new URL(url);
      let path = u.pathname + u.search;
      try { path = decodeURIComponent(path); } catch (e) { /* keep the encoded form */ }
      return path;
    } catch (e) {
      return '';
    }
  }

  /** True when a short label (title, heading or link text) names a privacy policy. */
  function namesPolicy(label) {
    const text = String(label || '').replace(/\s+/g, ' ').trim();
    if (!text || text.length > 200) return false;
    return POLICY_NAMES.some(([re]) => re.test(text));
  }

  /**
   * detectPolicyPage({url, title, headings, text, types})
   *   -> {isPolicy, textLooksLikePolicy, namedBy, confidence, reasons}
   * `isPolicy` (a candidate) needs a naming signal and policy-like text; `textLooksLikePolicy` alone
   * lets the controller accept a page named only by the link that led to it. `types` are the
   * schema.org types the page declares; a news article or blog post is never a candidate.
   * `confidence` is 0..1.
   */
  function detectPolicyPage(page) {
    const url = String((page && page.url) || '');
    const title = String((page && page.title) || '');
    const headings = Array.isArray(page && page.headings) ? page.headings.map(String) : [];
    const text = String((page && page.text) || '').slice(0, MAX_TEXT_CHARS);
    const types = Array.isArray(page && page.types) ? page.types.map(String) : [];
    const namedBy = [];

    if (URL_PATTERNS.some((re) => re.test(urlPath(url)))) namedBy.push('url');
    if (namesPolicy(title)) namedBy.push('title');
    if (headings.some((h) => namesPolicy(h) || BARE_PRIVACY_HEADING.test(h))) namedBy.push('heading');

    const wordCount = words(text);
    const cues = TEXT_CUES.filter((re) => re.test(text)).length;
    const statements = Math.min((text.match(DATA_STATEMENT) || []).length + (text.match(DATA_STATEMENT_OTHER) || []).length, 50);
    const reasons = [...namedBy];
    if (wordCount >= MIN_WORDS) reasons.push('long_text');
    if (cues >= MIN_CUES) reasons.push('policy_phrases');
    if (statements >= MIN_DATA_STATEMENTS) reasons.push('data_statements');

    const story = types.some((t) => STORY_TYPES.has(t.replace(/^.*[/#]/, '')));
    if (story) reasons.push('declared_story');
    const textLooksLikePolicy = !story && wordCount >= MIN_WORDS && cues >= MIN_CUES && statements >= MIN_DATA_STATEMENTS;
    const isPolicy = namedBy.length >= 1 && textLooksLikePolicy;
    const confidence = Math.min(1, (namedBy.length / 3) * 0.5 + (cues / TEXT_CUES.length) * 0.3 + (Math.min(statements, 10) / 10) * 0.2);
    return { isPolicy, textLooksLikePolicy, namedBy, confidence: Math.round(confidence * 100) / 100, reasons };
  }

  ns.detectPolicyPage = detectPolicyPage;
  ns.namesPolicy = namesPolicy;
})(globalThis);
