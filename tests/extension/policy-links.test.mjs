// Finding the site's privacy-policy link: rel="privacy-policy", then footer links by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContentScripts } from './helpers.mjs';

const { findPolicyLink } = loadContentScripts('policy-links.js');
const PAGE = 'https://shop.example.co.uk/products/bowl';
const link = (href, text, extra = {}) => ({ href, text, rel: '', ariaLabel: '', title: '', inFooter: false, ...extra });
const found = (links, pageUrl = PAGE) => findPolicyLink({ links, pageUrl })?.url ?? null;

// [description, links, expected URL or null]: positives beside negatives.
const CASES = [
  ['footer "Privacy Policy"', [link('/terms', 'Terms'), link('/privacy-policy', 'Privacy Policy', { inFooter: true })], 'https://shop.example.co.uk/privacy-policy'],
  ['footer "Privacy"', [link('/legal/privacy', ' Privacy ', { inFooter: true })], 'https://shop.example.co.uk/legal/privacy'],
  ['footer "Privacy Notice" on another host', [link('https://legal.example.co.uk/notice', 'Privacy Notice', { inFooter: true })], 'https://legal.example.co.uk/notice'],
  ['rel="privacy-policy" wins over a named footer link', [link('/rel-policy', '', { rel: 'privacy-policy' }), link('/privacy', 'Privacy', { inFooter: true })], 'https://shop.example.co.uk/rel-policy'],
  ['rel with several tokens', [link('/p', 'Legal', { rel: 'noopener Privacy-Policy' })], 'https://shop.example.co.uk/p'],
  ['aria-label names an icon link', [link('/privacy', '', { ariaLabel: 'Privacy policy', inFooter: true })], 'https://shop.example.co.uk/privacy'],
  ['footer link beats an in-text mention', [link('/blog/our-policy', 'Privacy Policy'), link('/privacy', 'Privacy', { inFooter: true })], 'https://shop.example.co.uk/privacy'],
  ['"Read our Privacy Policy" sentence-like text', [link('/pp', 'Read our Privacy Policy here')], 'https://shop.example.co.uk/pp'],
  ['Datenschutzerklärung', [link('/datenschutz', 'Datenschutzerklärung', { inFooter: true })], 'https://shop.example.co.uk/datenschutz'],
  ['fragment is dropped from the result', [link('/privacy#cookies', 'Privacy', { inFooter: true })], 'https://shop.example.co.uk/privacy'],
  ['"Privacy settings" is not the policy', [link('/account/privacy', 'Privacy settings', { inFooter: true })], null],
  ['"Do Not Sell My Personal Information" is not the policy', [link('/ccpa', 'Do Not Sell My Personal Information', { inFooter: true })], null],
  ['"Your Privacy Choices" is not the policy', [link('/choices', 'Your Privacy Choices', { inFooter: true })], null],
  ['"Privacy Center" is not the policy', [link('/center', 'Privacy Center', { inFooter: true })], null],
  ['javascript: link', [link('javascript:openPrivacy()', 'Privacy Policy', { inFooter: true })], null],
  ['mailto: link', [link('mailto:privacy@example.com', 'Privacy', { inFooter: true })], null],
  ['link to the current page itself', [link('#top', 'Privacy Policy', { inFooter: true })], null],
  ['unrelated links', [link('/terms', 'Terms of Service', { inFooter: true }), link('/about', 'About')], null],
  ['"privacy" URL with an unrelated name', [link('/privacy', 'Learn more', { inFooter: true })], null],
  ['no links', [], null],
];

for (const [description, links, expected] of CASES) {
  test(`${expected ? 'finds' : 'ignores'}: ${description}`, () => assert.equal(found(links), expected));
}

test('result says why the link was chosen, with its visible text', () => {
  const result = findPolicyLink({ links: [link('/privacy', 'Privacy Policy', { inFooter: true })], pageUrl: PAGE });
  assert.deepEqual({ ...result }, { url: 'https://shop.example.co.uk/privacy', text: 'Privacy Policy', reason: 'text+footer' });
});

test('bad input does not throw', () => {
  assert.equal(findPolicyLink(null), null);
  assert.equal(findPolicyLink({ links: [null, { href: 42 }, link('::::', 'Privacy')], pageUrl: 'not a url' }), null);
});
