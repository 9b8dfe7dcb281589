import { EventEmitter } from 'node:events';
import { ConnectionQuality, RoomEvent, type Room } from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';
import { createVoiceStore, type ActiveCall } from '../../stores/voice-store';
import { bindRoomEvents } from './room-events';

/** LiveKit's connection quality events, bound to the voice store, against a fake Room. */
describe('bindRoomEvents: connection quality', () => {
  function setup() {
    const me = { identity: 'me', attributes: {} };
    const bo = { identity: 'bo', attributes: {} };
    const room = Object.assign(new EventEmitter(), { localParticipant: me });
    const store = createVoiceStore();
    store.setState({ call: { quality: 'unknown' } as ActiveCall });
    const write = vi.fn((changes: object) => store.setState(changes));
    const unbind = bindRoomEvents(room as unknown as Room, store, {
      participantChanged: () => undefined,
      volumesChanged: () => undefined,
      localUnpublished: () => undefined,
      write,
      patch: (changes) => store.setState({ call: { ...store.getState().call!, ...changes } }),
      disconnected: () => undefined,
      admits: () => true,
    });
    return { room, store, me, bo, write, unbind };
  }

  it("keeps each participant's quality by identity, and yours on the call too", () => {
    const { room, store, me, bo } = setup();
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Excellent, me);
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, bo);
    expect(store.getState().quality).toEqual({ me: 'excellent', bo: 'poor' });
    expect(store.getState().call?.quality).toBe('excellent');
  });

  it('writes nothing when a quality did not change, and forgets someone who left', () => {
    const { room, store, bo, write, unbind } = setup();
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Good, bo);
    const before = store.getState().quality;
    write.mockClear();
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Good, bo);
    expect(write).not.toHaveBeenCalled();
    expect(store.getState().quality).toBe(before);
    expect(store.getState().call?.quality).toBe('unknown');

    room.emit(RoomEvent.ParticipantDisconnected, bo);
    expect(store.getState().quality).toEqual({});
    unbind();
    room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Lost, bo);
    expect(store.getState().quality).toEqual({});
  });
});

describe('bindRoomEvents: who is played', () => {
  it('attaches a subscribed audio track only when the gate admits its participant', () => {
    const room = Object.assign(new EventEmitter(), { localParticipant: { identity: 'me' } });
    const store = createVoiceStore();
    bindRoomEvents(room as unknown as Room, store, {
      participantChanged: () => undefined,
      volumesChanged: () => undefined,
      localUnpublished: () => undefined,
      write: () => undefined,
      patch: () => undefined,
      disconnected: () => undefined,
      admits: (identity) => identity === 'member',
    });
    const track = () => ({ kind: 'audio', attach: vi.fn(), detach: vi.fn() });
    const heard = track();
    const lurking = track();
    room.emit(RoomEvent.TrackSubscribed, heard, {}, { identity: 'member', attributes: {} });
    room.emit(RoomEvent.TrackSubscribed, lurking, {}, { identity: 'lurker', attributes: {} });
    expect(heard.attach).toHaveBeenCalledTimes(1);
    expect(lurking.attach).not.toHaveBeenCalled();
  });
});
