import { createStore } from 'zustand/vanilla';

/**
 * Where this device stands with end-to-end encryption, derived from what the crypto reports
 * (see core/matrix/security-status.ts).
 */
export type SecurityOverview =
  | { kind: 'checking' }
  /** No recovery yet (no secret storage or no key backup); this device may still be verified. */
  | { kind: 'not-set-up'; deviceVerified: boolean; accountHasIdentity: boolean }
  /** The account has a cross-signing identity this device is not verified against. */
  | { kind: 'unverified'; recoveryAvailable: boolean }
  /** This device is verified and its room keys go to the server-side key backup. */
  | { kind: 'secure'; backupVersion: string };

export interface EmojiView {
  symbol: string;
  name: string;
}

/** Why a verification ended without success: a stable code and a sentence for people. */
export interface VerificationEnd {
  code:
    | 'MISMATCH'
    | 'DECLINED'
    | 'CANCELLED_HERE'
    | 'TIMEOUT'
    | 'ANSWERED_ELSEWHERE'
    | 'KEY_MISMATCH'
    | 'FAILED';
  message: string;
}

/** One emoji verification between two of your own devices, from this device's side. */
export type VerificationState =
  | { phase: 'idle' }
  /** Another of your devices asks this one to verify it. */
  | { phase: 'incoming'; otherDeviceId: string | undefined }
  /** This device asked; waiting for another device to accept. */
  | { phase: 'requested' }
  /** Accepted; the emoji are being worked out. */
  | { phase: 'ready' }
  | { phase: 'showing-emoji'; emoji: EmojiView[] }
  /** You said they match; waiting for the other device to say so too. */
  | { phase: 'confirmed'; emoji: EmojiView[] }
  | { phase: 'done' }
  | { phase: 'cancelled'; reason: VerificationEnd };

export interface SecurityStore {
  overview: SecurityOverview;
  /** This device's display name, as the homeserver knows it. */
  deviceName: string | undefined;
  verification: VerificationState;
  /** The person chose Skip on the "verify this device" banner (for this session). */
  skipped: boolean;
  /** The Security & encryption dialog is open. */
  dialogOpen: boolean;
}

export const createSecurityStore = () =>
  createStore<SecurityStore>()(() => ({
    overview: { kind: 'checking' },
    deviceName: undefined,
    verification: { phase: 'idle' },
    skipped: false,
    dialogOpen: false,
  }));

export type SecurityStoreApi = ReturnType<typeof createSecurityStore>;
