import { EventEmitter } from 'node:events';
import { RoomEvent } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { createVoiceStore, type VoiceMember } from '../../stores/voice-store';
import { admissionOf, MediaGate, vouchedUserOf, type GateRoom } from './media-gate';

const ROOM = '!voice:hs';

const member = (userId: string, deviceId: string, identity = `${userId}:${deviceId}`) =>
  ({ identity, userId, deviceId, name: userId.slice(1, 4), avatarMxc: undefined }) as VoiceMember;

/** A remote participant whose publications record what they were asked to subscribe to. */
function participant(identity: string, name = '', tracks = ['mic']) {
  const publications = new Map(
    tracks.map((sid) => {
      const pub = {
        isDesired: false,
        asked: [] as boolean[],
        setSubscribed(on: boolean) {
          pub.isDesired = on;
          pub.asked.push(on);
        },
      };
      return [sid, pub] as const;
    }),
  );
  return { identity, name, trackPublications: publications };
}

function setup(members: VoiceMember[] = []) {
  const emitter = new EventEmitter();
  const remoteParticipants = new Map<string, ReturnType<typeof participant>>();
  const room = Object.assign(emitter, {
    localParticipant: { identity: '@me:hs:ME' },
    remoteParticipants,
  }) as unknown as GateRoom & EventEmitter;
  const store = createVoiceStore();
  store.setState({ roster: { [ROOM]: members } });
  const names: Record<string, string> = { '@lurk:hs': 'Lurking Larry' };
  const gate = new MediaGate(
    room,
    ROOM,
    store,
    (id) => names[id],
    (c) => store.setState(c),
  );
  const add = (p: ReturnType<typeof participant>) => {
    remoteParticipants.set(p.identity, p);
    room.emit(RoomEvent.ParticipantConnected, p);
  };
  return { room, store, gate, add };
}

describe('MediaGate', () => {
  it('subscribes to a member and never to someone connected without a membership', () => {
    const { store, add } = setup([member('@bo:hs', 'BO')]);
    const bo = participant('@bo:hs:BO', '@bo:hs');
    const lurker = participant('@lurk:hs:LURK', '@lurk:hs', ['mic', 'camera']);
    add(bo);
    add(lurker);
    expect(bo.trackPublications.get('mic')?.isDesired).toBe(true);
    for (const pub of lurker.trackPublications.values()) expect(pub.asked).toEqual([]);
    expect(store.getState().unjoined).toEqual([
      { identity: '@lurk:hs:LURK', userId: '@lurk:hs', name: 'Lurking Larry' },
    ]);
  });

  it('a membership that appears for a connected participant makes them heard; one that goes, unheard', () => {
    const { store, add, gate } = setup();
    const lurker = participant('@lurk:hs:LURK', '@lurk:hs');
    add(lurker);
    expect(gate.admits('@lurk:hs:LURK')).toBe(false);
    store.setState({ roster: { [ROOM]: [member('@lurk:hs', 'LURK')] } });
    expect(lurker.trackPublications.get('mic')?.isDesired).toBe(true);
    expect(gate.admits('@lurk:hs:LURK')).toBe(true);
    expect(store.getState().unjoined).toEqual([]);
    store.setState({ roster: { [ROOM]: [] } });
    expect(lurker.trackPublications.get('mic')?.asked).toEqual([true, false]);
    expect(store.getState().unjoined).toHaveLength(1);
  });

  it('tracks published later follow the same rule', () => {
    const { room, add } = setup([member('@bo:hs', 'BO')]);
    const bo = participant('@bo:hs:BO', '@bo:hs', []);
    const lurker = participant('@lurk:hs:LURK', '@lurk:hs', []);
    add(bo);
    add(lurker);
    const fresh = participant('x', '', ['screen']).trackPublications.get('screen')!;
    const lurkers = participant('y', '', ['screen']).trackPublications.get('screen')!;
    bo.trackPublications.set('screen', fresh);
    lurker.trackPublications.set('screen', lurkers);
    room.emit(RoomEvent.TrackPublished);
    expect(fresh.isDesired).toBe(true);
    expect(lurkers.asked).toEqual([]);
  });

  it('matches hashed /get_token identities only through a membership', () => {
    const hashed = 'q8Yy3p2vGmF0n1Yx5s7PZb0d3lq2n8W7c6a5b4c3d2e';
    const { store, add } = setup([member('@ec:hs', 'EC', hashed)]);
    const ec = participant(hashed, '@ec:hs');
    const other = participant('ZmFrZWhhc2g', '');
    add(ec);
    add(other);
    expect(ec.trackPublications.get('mic')?.isDesired).toBe(true);
    expect(store.getState().unjoined).toEqual([
      { identity: 'ZmFrZWhhc2g', userId: undefined, name: 'Someone unknown' },
    ]);
  });

  it('stops following the Room and the roster once closed', () => {
    const { store, add, gate } = setup();
    gate.close();
    const lurker = participant('@lurk:hs:LURK', '@lurk:hs');
    add(lurker);
    store.setState({ roster: { [ROOM]: [member('@lurk:hs', 'LURK')] } });
    expect(lurker.trackPublications.get('mic')?.asked).toEqual([]);
  });
});

describe('admissionOf and vouchedUserOf', () => {
  it.each([
    [{ identity: '@a:hs:DEV', name: '' }, '@a:hs'],
    [{ identity: 'hash', name: '@b:hs' }, '@b:hs'],
    [{ identity: 'hash', name: 'not a user' }, undefined],
    [{ identity: ':DEV', name: undefined }, undefined],
  ])('%j speaks for %s', (p, user) => {
    expect(vouchedUserOf(p)).toBe(user);
  });

  it('a member is admitted whatever name LiveKit gives them', () => {
    const m = member('@a:hs', 'DEV');
    expect(admissionOf({ identity: '@a:hs:DEV', name: 'x' }, [m], () => undefined)).toEqual({
      status: 'member',
      member: m,
    });
  });
});
