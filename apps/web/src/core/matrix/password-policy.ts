import { resolveHomeserver } from './auth';

/**
 * A homeserver's password rules, as it announces them (MSC2000, Synapse's
 * GET /_matrix/client/v3/password_policy, served without authentication).
 */
export interface PasswordPolicy {
  minimumLength: number;
  requireDigit: boolean;
  requireSymbol: boolean;
  requireLowercase: boolean;
  requireUppercase: boolean;
}

/** Reads the announced policy; `undefined` when none is announced or it can't be read. */
export function parsePasswordPolicy(body: unknown): PasswordPolicy | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const raw = body as Record<string, unknown>;
  const flag = (key: string) => raw[key] === true;
  const min = raw['m.minimum_length'];
  const policy: PasswordPolicy = {
    minimumLength: typeof min === 'number' && Number.isInteger(min) && min > 0 ? min : 0,
    requireDigit: flag('m.require_digit'),
    requireSymbol: flag('m.require_symbol'),
    requireLowercase: flag('m.require_lowercase'),
    requireUppercase: flag('m.require_uppercase'),
  };
  const any =
    policy.minimumLength > 0 ||
    policy.requireDigit ||
    policy.requireSymbol ||
    policy.requireLowercase ||
    policy.requireUppercase;
  return any ? policy : undefined;
}

/** The policy in one sentence for people ("At least 8 characters, with a digit."). */
export function describePasswordPolicy(policy: PasswordPolicy): string {
  const needs = [
    policy.requireLowercase && 'a lowercase letter',
    policy.requireUppercase && 'an uppercase letter',
    policy.requireDigit && 'a digit',
    policy.requireSymbol && 'a symbol',
  ].filter((n): n is string => typeof n === 'string');
  const list =
    needs.length <= 1 ? (needs[0] ?? '') : `${needs.slice(0, -1).join(', ')} and ${needs.at(-1)}`;
  if (policy.minimumLength > 0)
    return `At least ${policy.minimumLength} characters${list ? `, with ${list}` : ''}.`;
  return `With ${list}.`;
}

/** Asks the homeserver the person named for its password policy. */
export async function fetchPasswordPolicy(
  homeserverInput: string,
  signal?: AbortSignal,
): Promise<PasswordPolicy | undefined> {
  try {
    const base = await resolveHomeserver(homeserverInput);
    const response = await fetch(`${base}/_matrix/client/v3/password_policy`, {
      signal: signal ?? null,
    });
    if (!response.ok) return undefined;
    return parsePasswordPolicy(await response.json());
  } catch {
    return undefined;
  }
}
