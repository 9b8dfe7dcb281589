import { describe, expect, it } from 'vitest';
import type { Room } from 'matrix-js-sdk';
import { createRoomsStore } from '../../stores/rooms-store';
import { createOfferedRoomsStore } from '../../stores/offered-rooms-store';
import {
  bindChannelJoins,
  childVerdict,
  type ChannelJoinClient,
  type ChildSummary,
} from './channel-joins';

function child(id: string, via: unknown) {
  return { getStateKey: () => id, getContent: () => ({ via }), getTs: () => 0 };
}

/** A space where @mod may add children and @member may not. */
function fakeSpace(children: ReturnType<typeof child>[]): Room {
  return {
    roomId: '!space',
    isSpaceRoom: () => true,
    getMyMembership: () => 'join',
    currentState: {
      getStateEvents: (_type: string, key?: string) =>
        key === undefined ? children : children.find((c) => c.getStateKey() === key),
      maySendStateEvent: (type: string, userId: string) =>
        type === 'm.space.child' && userId === '@mod:hs',
    },
  } as unknown as Room;
}

const parent = (sender: string, spaceId = '!space', via: unknown = ['hs']) => ({
  type: 'm.space.parent',
  state_key: spaceId,
  sender,
  content: { via },
});

describe('childVerdict', () => {
  const space = fakeSpace([]);
  const summary = (s: Partial<ChildSummary>): ChildSummary => ({
    room_id: '!c',
    world_readable: false,
    ...s,
  });
  it.each<[string, ChildSummary | undefined, ReturnType<typeof parent>[] | undefined, string]>([
    [
      'restricted to this space (a HAOS channel)',
      summary({ join_rule: 'restricted', allowed_room_ids: ['!space'] }),
      undefined,
      'join',
    ],
    [
      'knock_restricted to this space',
      summary({ join_rule: 'knock_restricted', allowed_room_ids: ['!space'] }),
      undefined,
      'join',
    ],
    [
      'restricted to another space',
      summary({ join_rule: 'restricted', allowed_room_ids: ['!other'] }),
      undefined,
      'offer',
    ],
    ['an unrelated public room', summary({ join_rule: 'public' }), undefined, 'offer'],
    [
      'public, naming this space as parent, sent by a moderator of it',
      summary({ join_rule: 'public', world_readable: true }),
      [parent('@mod:hs')],
      'join',
    ],
    [
      'public, naming this space as parent, sent by someone without power in it',
      summary({ join_rule: 'public', world_readable: true }),
      [parent('@member:hs')],
      'offer',
    ],
    [
      'public, naming another space',
      summary({ join_rule: 'public', world_readable: true }),
      [parent('@mod:hs', '!other')],
      'offer',
    ],
    [
      'public, a parent without via (removed)',
      summary({ join_rule: 'public', world_readable: true }),
      [parent('@mod:hs', '!space', [])],
      'offer',
    ],
    ['invite-only', summary({ join_rule: 'invite' }), undefined, 'hide'],
    ['knock', summary({ join_rule: 'knock' }), undefined, 'hide'],
    ['not in the hierarchy (inaccessible)', undefined, undefined, 'hide'],
  ])('%s → %s', (_name, room, state, expected) => {
    expect(childVerdict(space, room, state)).toBe(expected);
  });
});

describe('bindChannelJoins', () => {
  it("joins only the server's own channels, once each; offers listed rooms; leaves alone ones left", async () => {
    const space = fakeSpace([
      child('!own', ['hs']),
      child('!public', ['hs']),
      child('!left', ['hs']),
      child('!gone', []),
    ]);
    const joins: [string, unknown][] = [];
    let hierarchyCalls = 0;
    const client: ChannelJoinClient = {
      getRooms: () => [space],
      getRoom: (id) => (id === '!left' ? ({ getMyMembership: () => 'leave' } as Room) : null),
      joinRoom: (id, opts) => {
        joins.push([id, opts]);
        return Promise.reject(new Error('not allowed'));
      },
      getRoomHierarchy: () => {
        hierarchyCalls++;
        return Promise.resolve({
          rooms: [
            {
              room_id: '!own',
              join_rule: 'restricted',
              allowed_room_ids: ['!space'],
              world_readable: false,
            },
            { room_id: '!public', name: 'Crypto giveaway', join_rule: 'public' },
          ],
        } as never);
      },
      roomState: () => Promise.resolve([]),
    };
    const rooms = createRoomsStore();
    const offered = createOfferedRoomsStore();
    const unbind = bindChannelJoins(client, rooms, offered);
    rooms.setState({ version: 1 });
    rooms.setState({ version: 2 });
    await expect.poll(() => offered.getState().bySpace['!space']).toBeDefined();
    expect(joins).toEqual([['!own', { viaServers: ['hs'] }]]);
    expect(hierarchyCalls).toBe(1);
    expect(offered.getState().bySpace).toEqual({
      '!space': [{ id: '!public', name: 'Crypto giveaway', kind: 'text', via: ['hs'] }],
    });
    unbind();
  });
});
