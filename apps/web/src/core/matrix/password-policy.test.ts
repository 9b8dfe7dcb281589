import { describe, expect, it } from 'vitest';
import { describePasswordPolicy, parsePasswordPolicy } from './password-policy';

describe('password policy', () => {
  it('reads what Synapse announces', () => {
    expect(parsePasswordPolicy({ 'm.minimum_length': 8 })).toEqual({
      minimumLength: 8,
      requireDigit: false,
      requireSymbol: false,
      requireLowercase: false,
      requireUppercase: false,
    });
  });
  it('is no policy when none is announced or it is malformed', () => {
    expect(parsePasswordPolicy({})).toBeUndefined();
    expect(parsePasswordPolicy(null)).toBeUndefined();
    expect(
      parsePasswordPolicy({ 'm.minimum_length': '8', 'm.require_digit': 'yes' }),
    ).toBeUndefined();
  });
  it.each([
    [{ 'm.minimum_length': 8 }, 'At least 8 characters.'],
    [{ 'm.minimum_length': 10, 'm.require_digit': true }, 'At least 10 characters, with a digit.'],
    [
      {
        'm.minimum_length': 12,
        'm.require_uppercase': true,
        'm.require_digit': true,
        'm.require_symbol': true,
      },
      'At least 12 characters, with an uppercase letter, a digit and a symbol.',
    ],
    [{ 'm.require_lowercase': true }, 'With a lowercase letter.'],
  ])('describes %o', (body, words) => {
    const policy = parsePasswordPolicy(body);
    expect(policy && describePasswordPolicy(policy)).toBe(words);
  });
});
