// Policy-page detection: URL, title, headings and text cues together, never "privacy" in the URL alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadContentScripts } from './helpers.mjs';

const { detectPolicyPage } = loadContentScripts('policy-page.js');
const site = (name) => readFileSync(new URL(`./site/${name}`, import.meta.url), 'utf8');

/** Crude page model from test HTML: title, h1/h2 texts, and the body text without tags. */
function pageOf(url, html) {
  const strip = (s) => s.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  const title = strip((html.match(/<title>([\s\S]*?)<\/title>/) || [])[1] || '');
  const headings = [...html.matchAll(/<h[12][^>]*>([\s\S]*?)<\/h[12]>/g)].map((m) => strip(m[1]));
  const body = strip((html.match(/<body>([\s\S]*)<\/body>/) || [])[1] || html);
  return { url, title, headings, text: body };
}

const POLICY = pageOf('https://shop.policygrade.test/privacy.html', site('privacy.html'));
const POLICY_TEXT = POLICY.text;

// A newspaper story about a policy: names it in title and heading, uses the vocabulary, but speaks
// about the company in the third person.
const NEWS_TEXT = `${'Shoppers were surprised this week when the retailer changed its privacy policy. '.repeat(3)}
The company said the new policy lets it share personal information with third parties, including advertisers,
and keep cookies for longer. Critics said customers have few rights to opt out and that children could be affected.
The company collects names, addresses and card numbers, a spokesperson confirmed, and it retains records for years.
Regulators under the GDPR may look at the security of the data. "This policy is clearer," the company said.
${'Analysts expect other retailers to follow, and consumer groups plan to complain to the regulator about it. '.repeat(12)}`;

// [description, page, isPolicy]: positives beside negatives.
const CASES = [
  ['the test shop policy', POLICY, true],
  ['the same policy at a bare /privacy path with a generic title', { ...POLICY, url: 'https://example.com/privacy', title: 'Example' }, true],
  ['the policy at /legal with only a "Privacy" heading', { ...POLICY, url: 'https://example.com/legal', title: 'Legal', headings: ['Privacy'] }, true],
  ['a German Datenschutzerklärung URL', { ...POLICY, url: 'https://example.de/datenschutzerklaerung', title: 'Example GmbH', headings: [] }, true],
  ['policy text with no naming signal at all', { ...POLICY, url: 'https://example.com/page?id=7', title: 'Page 7', headings: ['Welcome'] }, false],
  ['home page with a footer "Privacy Policy" link', pageOf('https://shop.policygrade.test/', site('index.html')), false],
  ['blog post about privacy tips at /blog/privacy-tips', pageOf('https://shop.policygrade.test/blog/privacy-tips.html', site('blog/privacy-tips.html')), false],
  ['privacy settings page: /account/privacy', { url: 'https://example.com/account/privacy', title: 'Privacy settings', headings: ['Privacy settings'], text: 'Choose who can see your profile. Save.' }, false],
  ['news article about a privacy policy', { url: 'https://news.example/2026/11/retailer-privacy-policy', title: 'Retailer changes its privacy policy', headings: ['Retailer changes its privacy policy'], text: NEWS_TEXT }, false],
  ['short stub page titled Privacy Policy', { url: 'https://example.com/privacy-policy', title: 'Privacy Policy', headings: ['Privacy Policy'], text: 'Our privacy policy is coming soon. Contact us with questions.' }, false],
  ['empty input', {}, false],
];

for (const [description, page, expected] of CASES) {
  test(`${expected ? 'policy' : 'not a policy'}: ${description}`, () => {
    const result = detectPolicyPage(page);
    assert.equal(result.isPolicy, expected, JSON.stringify(result));
  });
}

test('reasons say what matched, and confidence ranks a fully named policy above an unnamed one', () => {
  const named = detectPolicyPage(POLICY);
  assert.deepEqual([...named.reasons], ['url', 'title', 'heading', 'long_text', 'policy_phrases', 'first_person_data_verbs']);
  const unnamed = detectPolicyPage({ ...POLICY, url: 'https://example.com/x', title: 'x', headings: [] });
  assert.ok(named.confidence > unnamed.confidence);
  assert.ok(named.confidence <= 1 && unnamed.confidence >= 0);
});

test('non-string and hostile input does not throw', () => {
  for (const page of [null, undefined, { url: 42, title: {}, headings: 'no', text: null }, { url: 'http://%zz' }]) {
    assert.equal(detectPolicyPage(page).isPolicy, false);
  }
  assert.ok(POLICY_TEXT.length > 1000);
});
