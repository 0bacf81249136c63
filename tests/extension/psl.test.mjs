// Registrable domains by the Public Suffix List: the extension must agree with the API's Python
// publicsuffixlist (tests/extension/test_psl_agreement.py checks the same table against it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isIpAddress, publicSuffix, registrableDomain, siteOfUrl } from '../../extension/lib/psl.js';

// [host, registrable domain]: positives (a domain exists) beside negatives (null).
const CASES = [
  ['www.example.co.uk', 'example.co.uk'],
  ['example.co.uk', 'example.co.uk'],
  ['co.uk', null], // a public suffix has no registrable domain
  ['www.example.com', 'example.com'],
  ['EXAMPLE.COM.', 'example.com'], // case and trailing dot do not matter
  ['com', null],
  ['foo.github.io', 'foo.github.io'], // private-section rule, as the server uses it
  ['a.b.c.kawasaki.jp', 'b.c.kawasaki.jp'], // wildcard rule *.kawasaki.jp
  ['city.kawasaki.jp', 'city.kawasaki.jp'], // exception rule !city.kawasaki.jp
  ['www.city.kawasaki.jp', 'city.kawasaki.jp'],
  ['shop.policygrade.test', 'policygrade.test'], // unknown TLD: the implicit "*" rule
  ['policygrade.test', 'policygrade.test'],
  ['localhost', null],
  ['a.b.localhost', 'b.localhost'],
  ['xn--85x722f.xn--55qx5d.cn', 'xn--85x722f.xn--55qx5d.cn'], // IDN rule stored as punycode
  ['127.0.0.1', null],
  ['', null],
  ['exa mple.com', null],
  ['a..b.com', null],
];

for (const [host, expected] of CASES) {
  test(`registrableDomain(${JSON.stringify(host)}) is ${expected}`, () => {
    assert.equal(registrableDomain(host), expected);
  });
}

test('publicSuffix names the suffix the rule chose', () => {
  assert.equal(publicSuffix('www.example.co.uk'), 'co.uk');
  assert.equal(publicSuffix('a.b.c.kawasaki.jp'), 'c.kawasaki.jp');
  assert.equal(publicSuffix('city.kawasaki.jp'), 'kawasaki.jp');
  assert.equal(publicSuffix('shop.policygrade.test'), 'test');
  assert.equal(publicSuffix('10.0.0.1'), null);
});

test('isIpAddress tells literals from names', () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '[::1]', '::1']) assert.ok(isIpAddress(ip), ip);
  for (const name of ['example.com', '1.example.com', 'localhost']) assert.ok(!isIpAddress(name), name);
});

const URL_CASES = [
  ['https://www.example.co.uk/privacy', 'example.co.uk'],
  ['http://shop.policygrade.test:8123/privacy.html', 'policygrade.test'],
  ['http://127.0.0.1:8000/', '127.0.0.1'], // no registrable domain: the host itself is the key
  ['http://localhost:3000/a', 'localhost'],
  ['chrome://extensions/', null], // browser pages have no site
  ['about:blank', null],
  ['file:///home/me/policy.html', null],
  ['not a url', null],
  ['http://co.uk/', null], // a public suffix is nobody's site
  ['http://[::1]:8000/', '::1'],
];
for (const [url, expected] of URL_CASES) {
  test(`siteOfUrl(${url}) is ${expected}`, () => assert.equal(siteOfUrl(url), expected));
}
