import {
  MatrixEventEvent,
  RoomEvent,
  type IRoomTimelineData,
  type MatrixEvent,
  type Room,
} from 'matrix-js-sdk';
import { EventTypes } from '../matrix/event-types';
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
    let bound = true;
    const load = () =>
      (this.controller ??= import('./ring-controller').then(
        (m) => new m.RingController({ ...this.env, store: this.store, client }),
      ));
    this.load = load;
    const consider = (event: MatrixEvent, room: Room) => {
      if (bound && RING_TYPES.includes(event.getType()))
        void load().then((c) => c.consider(event, room));
    };
    const onTimeline = (
      event: MatrixEvent,
      room: Room | undefined,
      toStart: boolean | undefined,
      _removed: boolean,
      data: IRoomTimelineData,
    ) => {
      if (toStart || !data.liveEvent || !room) return;
      // In an encrypted DM the ring and the decline are known only once decrypted.
      if (event.isEncrypted() && event.getType() === EventTypes.Encrypted) {
        event.once(MatrixEventEvent.Decrypted, () => {
          if (!event.isDecryptionFailure()) consider(event, room);
        });
        return;
      }
      consider(event, room);
    };
    client.on(RoomEvent.Timeline, onTimeline);
    const warm = setTimeout(() => void load().catch(() => undefined), 3000);
    return () => {
      bound = false;
      clearTimeout(warm);
      client.off(RoomEvent.Timeline, onTimeline);
      const controller = this.controller;
      this.controller = undefined;
      this.load = undefined;
      void controller?.then((c) => c.unbind());
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

  /** Closes the notice about a call in a room ("declined", "no answer", missed). */
  dismiss(roomId: string): Promise<void> {
    return this.use((c) => c.dismiss(roomId));
  }
}
