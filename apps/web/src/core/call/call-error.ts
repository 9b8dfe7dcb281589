/** Stable codes for what can go wrong joining or staying in a call. */
export type CallErrorCode =
  | 'NO_TRANSPORT'
  | 'OPENID_FAILED'
  | 'TOKEN_SERVICE_UNREACHABLE'
  | 'TOKEN_REFUSED'
  | 'DELEGATION_REFUSED'
  | 'NOT_ALLOWED'
  | 'SFU_UNREACHABLE'
  | 'CONNECTION_LOST'
  | 'MEMBERSHIP_FAILED'
  | 'NOT_SIGNED_IN'
  | 'DECLINE_FAILED'
  | 'NOT_A_DIRECT';

/** A call failure with a message a person understands and a code a program can use. */
export class CallFailure extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}
