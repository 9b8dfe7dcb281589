import { VerificationPhase, type EmojiMapping } from 'matrix-js-sdk/lib/crypto-api';
import { describe, expect, it } from 'vitest';
import { overviewFrom, type SecurityFacts } from './security-status';
import { endFrom, verificationStateFrom, type RequestSnapshot } from './verification-state';

const facts = (over: Partial<SecurityFacts>): SecurityFacts => ({
  accountHasIdentity: false,
  deviceVerified: false,
  crossSigningInSecretStorage: false,
  secretStorageReady: false,
  activeBackupVersion: null,
  ...over,
});

describe('overviewFrom', () => {
  it.each([
    [
      'a fresh account',
      facts({}),
      { kind: 'not-set-up', deviceVerified: false, accountHasIdentity: false },
    ],
    [
      'a new device of an account with recovery',
      facts({
        accountHasIdentity: true,
        crossSigningInSecretStorage: true,
        secretStorageReady: true,
      }),
      { kind: 'unverified', recoveryAvailable: true },
    ],
    [
      'a new device of an account with cross-signing but no recovery',
      facts({ accountHasIdentity: true }),
      { kind: 'unverified', recoveryAvailable: false },
    ],
    [
      'a verified device without key backup',
      facts({ accountHasIdentity: true, deviceVerified: true, secretStorageReady: true }),
      { kind: 'not-set-up', deviceVerified: true, accountHasIdentity: true },
    ],
    [
      'a verified device with backup but secret storage missing a secret',
      facts({ accountHasIdentity: true, deviceVerified: true, activeBackupVersion: '3' }),
      { kind: 'not-set-up', deviceVerified: true, accountHasIdentity: true },
    ],
    [
      'a verified device backing up, with recovery',
      facts({
        accountHasIdentity: true,
        deviceVerified: true,
        crossSigningInSecretStorage: true,
        secretStorageReady: true,
        activeBackupVersion: '3',
      }),
      { kind: 'secure', backupVersion: '3' },
    ],
  ])('%s', (_, input, expected) => {
    expect(overviewFrom(input)).toEqual(expected);
  });
});

const snapshot = (over: Partial<RequestSnapshot>): RequestSnapshot => ({
  phase: VerificationPhase.Requested,
  initiatedByMe: false,
  otherDeviceId: 'NEWDEVICE',
  cancellationCode: null,
  cancelledHere: false,
  emoji: undefined,
  confirmed: false,
  ...over,
});

const emoji: EmojiMapping[] = [
  ['🐶', 'Dog'],
  ['🔑', 'Key'],
];

describe('verificationStateFrom', () => {
  it.each([
    [
      'a request from another device',
      snapshot({}),
      { phase: 'incoming', otherDeviceId: 'NEWDEVICE' },
    ],
    ['our own request', snapshot({ initiatedByMe: true }), { phase: 'requested' }],
    [
      'an unsent request of ours',
      snapshot({ phase: VerificationPhase.Unsent, initiatedByMe: true }),
      { phase: 'requested' },
    ],
    ['accepted', snapshot({ phase: VerificationPhase.Ready }), { phase: 'ready' }],
    [
      'started, keys not yet exchanged',
      snapshot({ phase: VerificationPhase.Started }),
      { phase: 'ready' },
    ],
    [
      'emoji to compare',
      snapshot({ phase: VerificationPhase.Started, emoji: [...emoji] }),
      {
        phase: 'showing-emoji',
        emoji: [
          { symbol: '🐶', name: 'Dog' },
          { symbol: '🔑', name: 'Key' },
        ],
      },
    ],
    [
      'confirmed here, waiting for the other side',
      snapshot({ phase: VerificationPhase.Started, emoji: [...emoji], confirmed: true }),
      {
        phase: 'confirmed',
        emoji: [
          { symbol: '🐶', name: 'Dog' },
          { symbol: '🔑', name: 'Key' },
        ],
      },
    ],
    ['done', snapshot({ phase: VerificationPhase.Done }), { phase: 'done' }],
  ])('%s', (_, input, expected) => {
    expect(verificationStateFrom(input)).toEqual(expected);
  });

  it('explains a cancellation', () => {
    expect(
      verificationStateFrom(
        snapshot({ phase: VerificationPhase.Cancelled, cancellationCode: 'm.mismatched_sas' }),
      ),
    ).toMatchObject({ phase: 'cancelled', reason: { code: 'MISMATCH' } });
  });
});

describe('endFrom', () => {
  it.each([
    ['m.mismatched_sas', false, 'MISMATCH'],
    ['m.mismatched_sas', true, 'MISMATCH'],
    ['m.timeout', false, 'TIMEOUT'],
    ['m.user', false, 'DECLINED'],
    ['m.user', true, 'CANCELLED_HERE'],
    [null, true, 'CANCELLED_HERE'],
    ['m.accepted', false, 'ANSWERED_ELSEWHERE'],
    ['m.key_mismatch', false, 'KEY_MISMATCH'],
    ['m.unexpected_message', false, 'FAILED'],
  ])('%s (cancelled here: %s) is %s', (code, here, expected) => {
    const end = endFrom(code, here);
    expect(end.code).toBe(expected);
    expect(end.message.length).toBeGreaterThan(10);
  });

  it('tells the mismatch apart in words', () => {
    expect(endFrom('m.mismatched_sas', false).message).toMatch(/emoji didn't match/);
  });
});
