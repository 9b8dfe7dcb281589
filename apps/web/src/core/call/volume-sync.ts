import { ClientEvent, SyncState, type MatrixClient, type MatrixEvent } from 'matrix-js-sdk';
import { EventTypes } from '../matrix/event-types';
import { parsePeople, type PeoplePrefs } from './voice-prefs';

/** The parts of the client the sync uses: account data and the sync state. */
export type VolumeSyncClient = Pick<
  MatrixClient,
  'getAccountData' | 'setAccountData' | 'isInitialSyncComplete' | 'on' | 'off'
>;

const TYPE = EventTypes.HaosVoiceVolumes;

/** The account data content: Matrix-style snake_case on the wire. */
export function toContent(people: PeoplePrefs): Record<string, unknown> {
  return { volumes: people.volumes, local_mutes: people.localMutes };
}

export function fromContent(content: Record<string, unknown>): PeoplePrefs {
  return parsePeople({ volumes: content.volumes, localMutes: content.local_mutes });
}

const isEmpty = (people: PeoplePrefs) =>
  Object.keys(people.volumes).length === 0 && Object.keys(people.localMutes).length === 0;

/**
 * Keeps your per-person volumes and local mutes in Matrix account data, so they follow you to
 * every device. Changes are written after a short pause (a slider sends many); changes from
 * your other devices arrive through sync. A change of yours not yet written wins over what
 * arrives meanwhile. On the first sync of a device whose account has none yet, what this device
 * remembered locally is uploaded (moving earlier, device-only settings to the account).
 */
export class VolumeSync {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: PeoplePrefs | undefined;
  private lastWritten = '';
  private retryMs: number;
  private stopped = false;

  constructor(
    private readonly client: VolumeSyncClient,
    private readonly local: () => PeoplePrefs,
    private readonly onRemote: (people: PeoplePrefs) => void,
    private readonly delayMs = 500,
  ) {
    this.retryMs = delayMs;
  }

  start(): void {
    this.client.on(ClientEvent.AccountData, this.onAccountData);
    if (this.client.isInitialSyncComplete()) this.adopt();
    else this.client.on(ClientEvent.Sync, this.onSync);
  }

  /** Your change: written to the account after a short pause. */
  push(people: PeoplePrefs): void {
    if (this.stopped) return;
    this.pending = people;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.write(), this.delayMs);
  }

  /** Stops listening; a change still waiting is written at once (best effort). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.client.off(ClientEvent.AccountData, this.onAccountData);
    this.client.off(ClientEvent.Sync, this.onSync);
    clearTimeout(this.timer);
    if (this.pending) await this.write().catch(() => undefined);
  }

  private readonly onSync = (state: SyncState) => {
    if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
    this.client.off(ClientEvent.Sync, this.onSync);
    this.adopt();
  };

  /** After the first sync: take the account's values, or give it this device's. */
  private adopt(): void {
    const event = this.client.getAccountData(TYPE);
    if (event) this.receive(event.getContent());
    else if (!isEmpty(this.local()) && !this.pending) this.push(this.local());
  }

  private readonly onAccountData = (event: MatrixEvent) => {
    if (event.getType() === TYPE) this.receive(event.getContent());
  };

  private receive(content: Record<string, unknown>): void {
    if (this.stopped || this.pending) return;
    const people = fromContent(content);
    // The echo of our own write changes nothing.
    if (JSON.stringify(toContent(people)) === this.lastWritten) return;
    this.onRemote(people);
  }

  private async write(): Promise<void> {
    const people = this.pending;
    if (!people) return;
    const content = toContent(people);
    try {
      this.lastWritten = JSON.stringify(content);
      await this.client.setAccountData(TYPE, content);
      if (this.pending === people) this.pending = undefined;
      this.retryMs = this.delayMs;
    } catch {
      // Offline or refused: keep it, and try again later (backing off up to a minute).
      if (this.stopped) return;
      this.retryMs = Math.min(this.retryMs * 2, 60_000);
      if (this.pending === people) this.timer = setTimeout(() => void this.write(), this.retryMs);
    }
  }
}
