import { MembershipManagerEvent } from 'matrix-js-sdk/lib/matrixrtc';
import { CallFailure } from './call-error';
import { fetchSfuToken, type LeaveDelegation, type SfuConfig, type TokenClient } from './sfu-token';

/** Where handing our delayed leave event to the token service stands. */
export type DelegationState =
  | { status: 'waiting' }
  | { status: 'delegating'; delayId: string }
  | { status: 'delegated'; delayId: string }
  /** The service does not take delayed leaves over (an older one): our own heartbeats carry on. */
  | { status: 'unsupported'; reason: string }
  | { status: 'failed'; delayId: string; reason: string };

/** The part of a MatrixRTCSession that tells the delay ID of our delayed leave event. */
export interface DelayIdSource {
  readonly delayId: string | undefined;
  on(
    event: MembershipManagerEvent.DelayIdChanged,
    listener: (id: string | undefined) => void,
  ): void;
  off(
    event: MembershipManagerEvent.DelayIdChanged,
    listener: (id: string | undefined) => void,
  ): void;
}

/**
 * Hands every delayed leave event the SDK schedules for our membership to the token service,
 * as Element Call does: a token request carrying `delay_id`, `delay_timeout` and
 * `delay_cs_api_url` each time the delay ID changes (the JWT it returns is not needed; the
 * connection keeps its own). The SDK goes on restarting the event too, so either keeps us in
 * the call; when LiveKit sees us go, the service sends it at once. A service that refuses
 * delegation is asked no more during this call.
 */
export class LeaveDelegator {
  private state: DelegationState = { status: 'waiting' };
  private readonly onDelayId = (delayId: string | undefined) => void this.delegate(delayId);

  constructor(
    private readonly rtc: DelayIdSource,
    private readonly request: (delegation: LeaveDelegation) => Promise<unknown>,
    private readonly delayTimeoutMs: number,
    private readonly csApiUrl: string,
  ) {
    rtc.on(MembershipManagerEvent.DelayIdChanged, this.onDelayId);
  }

  get current(): DelegationState {
    return this.state;
  }

  /** The delegation to send with a fresh token (after a reconnect), if there is a delay ID. */
  pending(): LeaveDelegation | undefined {
    const delayId = this.rtc.delayId;
    if (!delayId || this.state.status === 'unsupported') return undefined;
    return { delayId, delayTimeoutMs: this.delayTimeoutMs, csApiUrl: this.csApiUrl };
  }

  /** A token carrying `delegation` was issued on reconnecting: the service has it. */
  handedOver(delegation: LeaveDelegation): void {
    this.state = { status: 'delegated', delayId: delegation.delayId };
  }

  /** A reconnect's token request with delegation was refused: stop asking. */
  refused(reason: string): void {
    this.state = { status: 'unsupported', reason };
  }

  async delegate(delayId: string | undefined = this.rtc.delayId): Promise<void> {
    const { state } = this;
    if (!delayId || state.status === 'unsupported') return;
    if (
      (state.status === 'delegating' || state.status === 'delegated') &&
      state.delayId === delayId
    )
      return;
    this.state = { status: 'delegating', delayId };
    try {
      await this.request({ delayId, delayTimeoutMs: this.delayTimeoutMs, csApiUrl: this.csApiUrl });
      if (this.isCurrent(delayId)) this.state = { status: 'delegated', delayId };
    } catch (error) {
      if (!this.isCurrent(delayId)) return;
      const reason = (error as Error).message;
      this.state =
        error instanceof CallFailure && error.code === 'DELEGATION_REFUSED'
          ? { status: 'unsupported', reason }
          : { status: 'failed', delayId, reason };
    }
  }

  close(): void {
    this.rtc.off(MembershipManagerEvent.DelayIdChanged, this.onDelayId);
  }

  private isCurrent(delayId: string): boolean {
    return this.state.status === 'delegating' && this.state.delayId === delayId;
  }
}

/**
 * A LiveKit JWT for a new Room. After a reconnect the membership's delayed leave is known
 * already, and goes to the token service with it; a service that cannot take it over is asked
 * again without.
 */
export async function tokenWithDelegation(
  client: TokenClient,
  serviceUrl: string,
  roomId: string,
  delegator: LeaveDelegator | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<SfuConfig> {
  const delegation = delegator?.pending();
  if (!delegation) return fetchSfuToken(client, serviceUrl, roomId, fetchImpl);
  try {
    const sfu = await fetchSfuToken(client, serviceUrl, roomId, fetchImpl, delegation);
    delegator?.handedOver(delegation);
    return sfu;
  } catch (error) {
    if (!(error instanceof CallFailure) || error.code !== 'DELEGATION_REFUSED') throw error;
    delegator?.refused(error.message);
    return fetchSfuToken(client, serviceUrl, roomId, fetchImpl);
  }
}
