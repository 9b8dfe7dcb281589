import { describe, expect, it } from 'vitest';
import { deceptiveLink } from './link-check';

describe('deceptiveLink', () => {
  it.each([
    ['https://bank.example', 'https://evil.example/login', 'bank.example', 'evil.example'],
    ['bank.example/login', 'https://evil.example/', 'bank.example', 'evil.example'],
    [
      'http://bank.example',
      'https://bank.example.evil.example',
      'bank.example',
      'bank.example.evil.example',
    ],
    // Look-alike letters: the real host is shown in punycode.
    ['https://paypal.com', 'https://pаypal.com/', 'paypal.com', 'xn--pypal-4ve.com'],
    [
      'https://matrix.org',
      'mailto:someone@evil.example',
      'matrix.org',
      'mailto:someone@evil.example',
    ],
  ])('%s → %s is flagged', (text, href, shown, target) => {
    expect(deceptiveLink(text, href)).toMatchObject({ shown, target });
  });

  it.each([
    ['https://bank.example', 'https://bank.example/login'],
    ['bank.example', 'https://www.bank.example/'],
    ['HTTPS://Bank.Example/x', 'https://bank.example/y'],
    ['click here', 'https://evil.example'],
    ['@Alice', 'https://matrix.to/#/@alice:hs'],
    ['someone@bank.example', 'mailto:someone@bank.example'],
    ['version 1.2', 'https://evil.example'],
  ])('%s → %s is fine', (text, href) => {
    expect(deceptiveLink(text, href)).toBeUndefined();
  });
});
