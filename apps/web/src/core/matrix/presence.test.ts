import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ClientEvent, MatrixEvent, SyncState } from 'matrix-js-sdk';
import { createSessionStore } from '../../stores/session-store';
import { createRoomsStore, type ChannelView, type ServerView } from '../../stores/rooms-store';
import { createVoiceStore, type ActiveCall } from '../../stores/voice-store';
import { activeCall } from '../../test/active-call';
import { bindVoicePresence, callActivity, type PresenceClient } from './presence';
import { EventTypes } from './event-types';

const channel = (id: string, name: string, encrypted = false): ChannelView => ({
  id,
  name,
  kind: 'voice',
  topic: '',
  unread: 0,
  mentions: 0,
  encrypted,
});
const server: ServerView = {
  id: '!lab',
  name: 'Lab',
  avatarMxc: undefined,
  channels: [channel('!general', 'General'), channel('!secret', 'Secret', true)],
  categories: [],
  groups: [],
  unread: 0,
  mentions: 0,
  canManage: false,
};
const call = (roomId: string, phase: ActiveCall['phase'] = 'connected') =>
  activeCall({ roomId, phase });

class FakeClient extends EventEmitter {
  sent: { presence: string; status_msg?: string }[] = [];
  syncPresence: string[] = [];
  ownStatusMessage: string | undefined;
  /** Your voice-sharing choice in account data (none: the default). */
  sharing: string | undefined;
  getAccountData = (type: string) =>
    type === EventTypes.HaosVoiceSharing && this.sharing
      ? new MatrixEvent({ type, content: { share_with: this.sharing } })
      : undefined;
  /** Your account data changed (as the SDK tells it after a sync). */
  share(sharing: string) {
    this.sharing = sharing;
    this.emit(ClientEvent.AccountData, this.getAccountData(EventTypes.HaosVoiceSharing));
  }
  getUserId = () => '@me:x';
  getUser = () => ({
    events: {
      presence: new MatrixEvent({
        type: 'm.presence',
        content: { presence: 'online', status_msg: this.ownStatusMessage },
      }),
    },
  });
  setSyncPresence = (p: string) => {
    this.syncPresence.push(p);
    return Promise.resolve();
  };
  setPresence = (body: { presence: string; status_msg?: string }) => {
    this.sent.push(body);
    return Promise.resolve();
  };
}

function setup() {
  const client = new FakeClient();
  const session = createSessionStore();
  const voice = createVoiceStore();
  const rooms = createRoomsStore();
  rooms.setState({
    servers: [server],
    directs: [
      { id: '!dm', name: 'Bo', otherUserId: '@bo:x', encrypted: true, unread: 0, mentions: 0 },
    ],
  });
  const unbind = bindVoicePresence(client as unknown as PresenceClient, session, voice, rooms);
  return { client, session, voice, rooms, unbind };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('callActivity', () => {
  const rooms = { ...createRoomsStore().getState(), servers: [server] };
  it('names the channel only when shared with everyone, and never a private one', () => {
    expect(callActivity(call('!general'), rooms, 'everyone')).toBe('In voice: General');
    expect(callActivity(call('!general', 'reconnecting'), rooms, 'everyone')).toBe(
      'In voice: General',
    );
    expect(callActivity(call('!secret'), rooms, 'everyone')).toBe('In voice');
    expect(callActivity(call('!general', 'connecting'), rooms, 'everyone')).toBeUndefined();
    expect(callActivity(call('!general', 'failed'), rooms, 'everyone')).toBeUndefined();
    expect(callActivity(undefined, rooms, 'everyone')).toBeUndefined();
    expect(callActivity(call('!elsewhere'), rooms, 'everyone')).toBe('In a call');
  });

  it('by default (people in the same server) says only "In voice": presence reaches everyone', () => {
    expect(callActivity(call('!general'), rooms, 'server')).toBe('In voice');
    expect(callActivity(call('!elsewhere'), rooms, 'server')).toBe('In a call');
  });

  it('with "nobody" says nothing about the call', () => {
    expect(callActivity(call('!general'), rooms, 'nobody')).toBeUndefined();
    expect(callActivity(call('!elsewhere'), rooms, 'nobody')).toBeUndefined();
  });
});

describe('bindVoicePresence', () => {
  it('by default tells only that you are in voice, not where', async () => {
    const { client, voice } = setup();
    voice.setState({ call: call('!general') });
    await flush();
    expect(client.sent).toEqual([{ presence: 'online', status_msg: 'In voice' }]);
  });

  it('follows a change of the setting at once (from this or another device)', async () => {
    const { client, voice } = setup();
    voice.setState({ call: call('!general') });
    await flush();
    client.share('everyone');
    await flush();
    expect(client.sent.at(-1)).toEqual({ presence: 'online', status_msg: 'In voice: General' });
    client.share('nobody');
    await flush();
    expect(client.sent.at(-1)).toEqual({ presence: 'online', status_msg: '' });
  });

  it('tells others where you are talking, once, and clears it when you leave', async () => {
    const { client, voice } = setup();
    client.sharing = 'everyone';
    voice.setState({ call: call('!general', 'connecting') });
    voice.setState({ call: call('!general') });
    voice.setState({ call: { ...call('!general'), pingMs: 40 } });
    await flush();
    expect(client.sent).toEqual([{ presence: 'online', status_msg: 'In voice: General' }]);
    voice.setState({ call: undefined });
    await flush();
    expect(client.sent.at(-1)).toEqual({ presence: 'online', status_msg: '' });
    expect(client.sent).toHaveLength(2);
  });

  it('keeps Do Not Disturb, and tells nothing while invisible', async () => {
    const { client, voice, session } = setup();
    client.sharing = 'everyone';
    session.setState({ status: 'dnd' });
    voice.setState({ call: call('!dm') });
    await flush();
    expect(client.sent.at(-1)).toEqual({
      presence: 'online',
      status_msg: 'Do not disturb · In a call',
    });
    session.setState({ status: 'invisible' });
    voice.setState({ call: call('!general') });
    await flush();
    expect(client.sent.at(-1)).toEqual({ presence: 'offline', status_msg: '' });
  });

  it('clears a call left over from a closed tab after the first sync, keeping the rest', async () => {
    const { client, session } = setup();
    client.ownStatusMessage = 'Do not disturb · In voice: General';
    client.emit(ClientEvent.Sync, SyncState.Prepared);
    await flush();
    expect(client.sent).toEqual([{ presence: 'online', status_msg: 'Do not disturb' }]);
    expect(session.getState().status).toBe('dnd');
    client.emit(ClientEvent.Sync, SyncState.Prepared);
    await flush();
    expect(client.sent).toHaveLength(1);
  });

  it('leaves the call status alone while another device of yours is in a call', async () => {
    const { client, voice } = setup();
    voice.setState({
      roster: {
        '!general': [
          {
            identity: '@me:x:PHONE',
            userId: '@me:x',
            deviceId: 'PHONE',
            name: 'me',
            avatarMxc: undefined,
          },
        ],
      },
    });
    client.ownStatusMessage = 'In voice: General';
    client.emit(ClientEvent.Sync, SyncState.Prepared);
    await flush();
    expect(client.sent).toEqual([]);
  });

  it('leaves a status another client set alone', async () => {
    const { client } = setup();
    client.ownStatusMessage = 'at lunch';
    client.emit(ClientEvent.Sync, SyncState.Prepared);
    await flush();
    expect(client.sent).toEqual([]);
  });

  it('stops on unbind', async () => {
    const { client, voice, unbind } = setup();
    unbind();
    voice.setState({ call: call('!general') });
    await flush();
    expect(client.sent).toEqual([]);
  });
});
