/** Matrix-style error codes the token service answers with (lk-jwt-service compatible). */
export const ErrCode = {
  BadJson: 'M_BAD_JSON',
  NotJson: 'M_NOT_JSON',
  Unauthorized: 'M_UNAUTHORIZED',
  Forbidden: 'M_FORBIDDEN',
  LimitExceeded: 'M_LIMIT_EXCEEDED',
  TooLarge: 'M_TOO_LARGE',
  NotFound: 'M_NOT_FOUND',
  Unknown: 'M_UNKNOWN',
} as const;
export type ErrCode = (typeof ErrCode)[keyof typeof ErrCode];

/** An error that is safe to show to the caller: its message never contains internals or secrets. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errcode: ErrCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Why, for the request's log line only; never sent to the caller. */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toJSON(): Record<string, unknown> {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

/** The one 401 text: it never says whether the token, the user or the server was wrong. */
export const unauthorized = (detail?: Record<string, unknown>): HttpError =>
  new HttpError(401, ErrCode.Unauthorized, 'The OpenID token could not be verified', {}, detail);
