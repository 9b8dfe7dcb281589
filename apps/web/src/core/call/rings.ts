import { EventTypes } from '../matrix/event-types';
import { onLiveEvents } from '../matrix/live-events';
import { createRingStore } from '../../stores/ring-store';
import type { CallIntent } from './ringing';
import type { RingClient, RingController, RingEnvironment } from './ring-controller';

const RING_TYPES: readonly string[] = [EventTypes.RtcNotification, EventTypes.RtcDecline];

/**
 * DM calls that ring, as the app sees them: the store, the actions, and the one listener that
 * spots rings and declines (after decryption in encrypted DMs). The ringing logic itself
 * (RingController) loads on the first ring or call, or a moment after sign-in.
 */
export class Rings {
  readonly store = createRingStore();
  private controller: Promise<RingController> | undefined;
  private load: (() => Promise<RingController>) | undefined;

  constructor(private readonly env: Omit<RingEnvironment, 'store' | 'client'>) {}

  /** Starts listening for rings and declines; returns the unbind. */
  bind(client: RingClient): () => void {
    const load = () =>
      (this.controller ??= import('./ring-controller').then(
        (m) => new m.RingController({ ...this.env, store: this.store, client }),
        (error: unknown) => {
          // The chunk could not load (offline): the next ring or call tries again.
          this.controller = undefined;
          throw error;
        },
      ));
    this.load = load;
    const offEvents = onLiveEvents(
      client,
      (event, room) => {
        if (!RING_TYPES.includes(event.getType())) return;
        void load()
          // Signed out meanwhile: this session's rings are over.
          .then((c) => this.load === load && c.consider(event, room))
          .catch(() => undefined);
      },
      // An encrypted event may be a ring or a decline: that is known once it is decrypted.
      (event) => RING_TYPES.includes(event.getType()) || event.isEncrypted(),
    );
    const warm = setTimeout(() => void load().catch(() => undefined), 3000);
    return () => {
      clearTimeout(warm);
      offEvents();
      const controller = this.controller;
      this.controller = undefined;
      this.load = undefined;
      void controller?.then((c) => c.unbind()).catch(() => undefined);
      this.store.setState(createRingStore().getState(), true);
    };
  }

  private async use(act: (controller: RingController) => Promise<void> | void): Promise<void> {
    if (this.load) await act(await this.load());
  }

  /** Starts a call in a DM that rings the other person (video: with your camera on). */
  async call(roomId: string, intent: CallIntent): Promise<void> {
    await this.use((c) => c.call(roomId, intent));
  }

  /** Accepts a ring: joins its call. */
  accept(notificationId: string): Promise<void> {
    return this.use((c) => c.accept(notificationId));
  }

  /** Declines a ring (MSC4310). */
  decline(notificationId: string): Promise<void> {
    return this.use((c) => c.decline(notificationId));
  }

  /** Closes the message about a ring that failed (a decline that could not be sent). */
  dismissError(): void {
    this.store.setState({ error: undefined });
  }

  /** Closes the notice about a call in a room ("declined", "no answer", missed). */
  dismiss(roomId: string): Promise<void> {
    return this.use((c) => c.dismiss(roomId));
  }
}
