import { describe, expect, it } from 'vitest';
import type { Room } from 'matrix-js-sdk';
import { createRoomsStore } from '../../stores/rooms-store';
import { bindChannelJoins, type ChannelJoinClient } from './channel-joins';

function child(id: string, via: unknown) {
  return { getStateKey: () => id, getContent: () => ({ via }), getTs: () => 0 };
}

function fakeSpace(children: ReturnType<typeof child>[]): Room {
  return {
    roomId: '!space',
    isSpaceRoom: () => true,
    getMyMembership: () => 'join',
    currentState: {
      getStateEvents: (_type: string, key?: string) =>
        key === undefined ? children : children.find((c) => c.getStateKey() === key),
    },
  } as unknown as Room;
}

describe('bindChannelJoins', () => {
  it('joins channels never joined, once each; leaves alone ones left or unlinked', async () => {
    const space = fakeSpace([child('!new', ['hs']), child('!left', ['hs']), child('!gone', [])]);
    const joins: [string, unknown][] = [];
    const client: ChannelJoinClient = {
      getRooms: () => [space],
      getRoom: (id) => (id === '!left' ? ({ getMyMembership: () => 'leave' } as Room) : null),
      joinRoom: (id, opts) => {
        joins.push([id, opts]);
        return Promise.reject(new Error('not allowed'));
      },
    };
    const rooms = createRoomsStore();
    const unbind = bindChannelJoins(client, rooms);
    rooms.setState({ version: 1 });
    rooms.setState({ version: 2 });
    await Promise.resolve();
    expect(joins).toEqual([['!new', { viaServers: ['hs'] }]]);
    unbind();
  });
});
