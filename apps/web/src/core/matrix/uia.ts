import { MatrixError, type AuthDict, type UIAuthCallback } from 'matrix-js-sdk';
import { SecurityError, securityMessages } from './security-errors';

/** The session of a user-interactive auth challenge (HTTP 401 with flows), if `error` is one. */
function challengeOf(
  error: unknown,
): { session: string | undefined; stages: string[] } | undefined {
  if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
  const flows: unknown = error.data.flows;
  if (!Array.isArray(flows)) return undefined;
  const stages = flows.flatMap((flow: { stages?: unknown }) =>
    Array.isArray(flow.stages) ? flow.stages.filter((s): s is string => typeof s === 'string') : [],
  );
  const session = typeof error.data.session === 'string' ? error.data.session : undefined;
  return { session, stages };
}

/**
 * Answers a user-interactive auth challenge with the account password. Tries without auth first
 * (homeservers let you upload cross-signing keys the first time without it, MSC3967); when the
 * homeserver asks, answers with `m.login.password`, or throws PASSWORD_NEEDED when no password
 * was given, so the UI can ask for it and try again. A refused password surfaces as the
 * homeserver's 401 M_FORBIDDEN (see toSecurityError: WRONG_PASSWORD).
 */
export function passwordAuth(userId: string, password: string | undefined): UIAuthCallback<void> {
  return async (makeRequest) => {
    try {
      await makeRequest(null);
      return;
    } catch (error) {
      const challenge = challengeOf(error);
      if (!challenge) throw error;
      if (!challenge.stages.includes('m.login.password'))
        throw new SecurityError('UNSUPPORTED_AUTH', securityMessages.UNSUPPORTED_AUTH);
      if (!password) throw new SecurityError('PASSWORD_NEEDED', securityMessages.PASSWORD_NEEDED);
      const auth: AuthDict = {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: userId },
        password,
        ...(challenge.session ? { session: challenge.session } : {}),
      };
      await makeRequest(auth);
    }
  };
}
