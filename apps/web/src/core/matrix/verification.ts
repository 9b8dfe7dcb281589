import type { MatrixClient } from 'matrix-js-sdk';
import {
  CryptoEvent,
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type ShowSasCallbacks,
  type VerificationRequest,
  type Verifier,
} from 'matrix-js-sdk/lib/crypto-api';
import type { SecurityStoreApi } from '../../stores/security-store';
import { SecurityError } from './security-errors';
import { verificationStateFrom } from './verification-state';

const SAS = 'm.sas.v1';

/**
 * Emoji verification between two of your own devices (SAS), from this device's side: asking
 * another device, or answering one that asks. Owns the SDK's request and verifier objects and
 * writes what the UI shows to the store's `verification`. One verification at a time.
 */
export class VerificationFlow {
  private request: VerificationRequest | undefined;
  private verifier: Verifier | undefined;
  private sas: ShowSasCallbacks | undefined;
  private confirmed = false;
  private cancelledHere = false;
  private starting = false;

  constructor(
    private readonly client: Pick<
      MatrixClient,
      'on' | 'off' | 'getCrypto' | 'getSafeUserId' | 'getDeviceId'
    >,
    private readonly store: SecurityStoreApi,
  ) {}

  /** Listens for requests from your other devices. Returns the function that unbinds. */
  bind(): () => void {
    const onRequest = (request: VerificationRequest) => {
      // Only your own devices; verifying other people is not offered here.
      if (!request.isSelfVerification || request.initiatedByMe) return;
      if (this.busy()) return;
      this.track(request);
    };
    this.client.on(CryptoEvent.VerificationRequestReceived, onRequest);
    return () => {
      this.client.off(CryptoEvent.VerificationRequestReceived, onRequest);
      this.release();
      this.store.setState({ verification: { phase: 'idle' } });
    };
  }

  /** Asks your other signed-in devices to verify this one. */
  async requestFromOtherDevice(): Promise<void> {
    const crypto = this.client.getCrypto();
    if (!crypto) throw new SecurityError('UNKNOWN', 'End-to-end encryption is not available here.');
    const userId = this.client.getSafeUserId();
    const devices = (await crypto.getUserDeviceInfo([userId], true)).get(userId);
    const others = [...(devices?.keys() ?? [])].filter((id) => id !== this.client.getDeviceId());
    if (others.length === 0)
      throw new SecurityError(
        'UNKNOWN',
        'You have no other signed-in device to verify with. Use your recovery key instead.',
      );
    this.release();
    this.track(await crypto.requestOwnUserVerification());
  }

  /** Accepts the request another of your devices sent. */
  async accept(): Promise<void> {
    await this.request?.accept();
  }

  /** Declines (or gives up on) the current request. */
  async cancel(): Promise<void> {
    const request = this.request;
    if (!request || request.phase === VerificationPhase.Done) return;
    if (request.phase === VerificationPhase.Cancelled) return;
    this.cancelledHere = true;
    await request.cancel();
  }

  /** The emoji match: tell the other device (verification completes when both have). */
  async confirm(): Promise<void> {
    if (!this.sas || this.confirmed) return;
    this.confirmed = true;
    this.publish();
    await this.sas.confirm();
  }

  /** The emoji do not match: cancels on both devices. */
  mismatch(): void {
    if (!this.sas) return;
    this.cancelledHere = true;
    this.sas.mismatch();
  }

  /** Closes a finished verification (or cancels a running one) and returns to idle. */
  async dismiss(): Promise<void> {
    if (this.busy()) await this.cancel().catch(() => undefined);
    this.release();
    this.store.setState({ verification: { phase: 'idle' } });
  }

  private busy(): boolean {
    const phase = this.request?.phase;
    return (
      phase !== undefined &&
      phase !== VerificationPhase.Done &&
      phase !== VerificationPhase.Cancelled
    );
  }

  private track(request: VerificationRequest): void {
    this.release();
    this.request = request;
    request.on(VerificationRequestEvent.Change, this.onChange);
    this.onChange();
  }

  private release(): void {
    this.request?.off(VerificationRequestEvent.Change, this.onChange);
    this.verifier?.off(VerifierEvent.ShowSas, this.onShowSas);
    this.request = undefined;
    this.verifier = undefined;
    this.sas = undefined;
    this.confirmed = false;
    this.cancelledHere = false;
    this.starting = false;
  }

  private readonly onChange = (): void => {
    const request = this.request;
    if (!request) return;
    // The side that asked starts the emoji exchange once the other side is ready.
    if (request.phase === VerificationPhase.Ready && request.initiatedByMe && !this.starting) {
      this.starting = true;
      request.startVerification(SAS).then(this.run, () => undefined);
    }
    if (request.phase === VerificationPhase.Started && request.verifier) this.run(request.verifier);
    this.publish();
  };

  private readonly run = (verifier: Verifier): void => {
    if (this.verifier === verifier || this.request?.verifier !== verifier) return;
    this.verifier = verifier;
    verifier.on(VerifierEvent.ShowSas, this.onShowSas);
    const shown = verifier.getShowSasCallbacks();
    if (shown) this.onShowSas(shown);
    // Resolves when both sides confirmed; rejects on cancellation, which the request reports.
    verifier.verify().catch(() => undefined);
  };

  private readonly onShowSas = (sas: ShowSasCallbacks): void => {
    this.sas = sas;
    this.publish();
  };

  private publish(): void {
    const request = this.request;
    if (!request) return;
    this.store.setState({
      verification: verificationStateFrom({
        phase: request.phase,
        initiatedByMe: request.initiatedByMe,
        otherDeviceId: request.otherDeviceId,
        cancellationCode: request.cancellationCode,
        cancelledHere: this.cancelledHere,
        emoji: this.sas?.sas.emoji,
        confirmed: this.confirmed,
      }),
    });
  }
}
