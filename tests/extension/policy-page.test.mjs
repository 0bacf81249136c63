// Candidate detection: a naming signal plus policy-like text in any person; never "privacy" in the
// URL alone, never a declared news story. The API's is_policy decides the rest (not tested here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContentScripts } from './helpers.mjs';
import { pageModel } from './site-pages.mjs';

const { detectPolicyPage, namesPolicy } = loadContentScripts('policy-page.js');

const SHOP = pageModel('https://shop.policygrade.test/privacy.html', 'privacy.html');

// [description, page, isPolicy]: each page shape and voice of the test site, positives beside negatives.
const CASES = [
  ['first person, <h2> sections (the test shop)', SHOP, true],
  ['third person with the company name, plain paragraphs', pageModel('https://www.brightwater.test/brightwater/privacy-policy.html', 'brightwater/privacy-policy.html'), true],
  ['passive voice in collapsed accordions (<details>, aria-expanded panels)', pageModel('https://www.fernhill.test/fernhill/legal/privacy.html', 'fernhill/legal/privacy.html'), true],
  ['inside <main> with heavy navigation, a cookie banner and a sidebar', pageModel('https://www.meridian.test/meridian/privacy.html', 'meridian/privacy.html'), true],
  ['a short (about 350 word) policy', pageModel('https://www.pebble.test/pebble/privacy-policy.html', 'pebble/privacy-policy.html'), true],
  ['a German Datenschutzerklärung', pageModel('https://www.kranich.test/kranich/datenschutz.html', 'kranich/datenschutz.html'), true],
  ['a policy-looking Google Doc (a candidate: the controller refuses to send it)', pageModel('https://docs.google.com/document/d/1Qx7DraftPolicy/edit', 'lookalike/document/d/1Qx7DraftPolicy/edit.html'), true],
  ['the same policy at a bare /privacy path with a generic title', { ...SHOP, url: 'https://example.com/privacy', title: 'Example' }, true],
  ['the policy at /legal with only a "Privacy" heading', { ...SHOP, url: 'https://example.com/legal', title: 'Legal', headings: ['Privacy'] }, true],
  ['the policy named only in Japanese', { ...SHOP, url: 'https://example.jp/legal', title: 'プライバシーポリシー', headings: [] }, true],
  ['policy text with no naming signal (named only if a followed link names it)', pageModel('https://www.quayside.test/quayside/legal/document.html', 'quayside/legal/document.html'), false],
  ['a news article about privacy policies, declared NewsArticle', pageModel('https://news.test/2026/11/reading-privacy-policies.html', 'news/2026/11/reading-privacy-policies.html'), false],
  ['home page with a footer "Privacy Policy" link', pageModel('https://shop.policygrade.test/', 'index.html'), false],
  ['blog post about privacy tips at /blog/privacy-tips', pageModel('https://shop.policygrade.test/blog/privacy-tips.html', 'blog/privacy-tips.html'), false],
  ['privacy settings page: /account/privacy', { url: 'https://example.com/account/privacy', title: 'Privacy settings', headings: ['Privacy settings'], text: 'Choose who can see your profile. Save.' }, false],
  ['short stub page titled Privacy Policy', { url: 'https://example.com/privacy-policy', title: 'Privacy Policy', headings: ['Privacy Policy'], text: 'Our privacy policy is coming soon. Contact us with questions.' }, false],
  ['a cookie banner on a page titled Privacy Policy', { url: 'https://example.com/privacy-policy', title: 'Privacy Policy', headings: [], text: 'We use cookies to improve your experience. Accept all. Reject. Cookie settings. '.repeat(6) }, false],
  ['empty input', {}, false],
];

for (const [description, page, expected] of CASES) {
  test(`${expected ? 'candidate' : 'not a candidate'}: ${description}`, () => {
    const result = detectPolicyPage(page);
    assert.equal(result.isPolicy, expected, JSON.stringify(result));
  });
}

test('text in any person reads like a policy even when nothing names the page', () => {
  const unnamed = detectPolicyPage(pageModel('https://www.quayside.test/quayside/legal/document.html', 'quayside/legal/document.html'));
  assert.equal(unnamed.textLooksLikePolicy, true);
  assert.deepEqual([...unnamed.namedBy], []);
});

test('reasons say what matched, and confidence ranks a fully named policy above an unnamed one', () => {
  const named = detectPolicyPage(SHOP);
  assert.deepEqual([...named.reasons], ['url', 'title', 'heading', 'long_text', 'policy_phrases', 'data_statements']);
  const unnamed = detectPolicyPage({ ...SHOP, url: 'https://example.com/x', title: 'x', headings: [] });
  assert.ok(named.confidence > unnamed.confidence);
  assert.ok(named.confidence <= 1 && unnamed.confidence >= 0);
});

test('policy names in several languages; settings, choices and long labels are not names', () => {
  for (const name of ['Privacy Policy', 'Privacy Notice', 'Datenschutzerklärung', 'Politique de confidentialité', 'Política de privacidad',
    'Informativa sulla privacy', 'Política de Privacidade', 'Privacybeleid', 'Integritetspolicy', 'Polityka prywatności', '隐私政策', '개인정보 처리방침']) {
    assert.equal(namesPolicy(name), true, name);
  }
  for (const label of ['Privacy settings', 'Terms of Service', 'Cookie settings', '', 'privacy policy '.repeat(20)]) {
    assert.equal(namesPolicy(label), false, label);
  }
});

test('non-string and hostile input does not throw', () => {
  for (const page of [null, undefined, { url: 42, title: {}, headings: 'no', text: null, types: 7 }, { url: 'http://%zz' }, { url: 'https://x.test/%E0%A4%A', text: 'a' }]) {
    assert.equal(detectPolicyPage(page).isPolicy, false);
  }
  assert.ok(SHOP.text.length > 1000);
});
