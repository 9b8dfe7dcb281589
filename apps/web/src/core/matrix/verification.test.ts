import { EventEmitter } from 'node:events';
import type { MatrixClient } from 'matrix-js-sdk';
import {
  CryptoEvent,
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type ShowSasCallbacks,
} from 'matrix-js-sdk/lib/crypto-api';
import { describe, expect, it, vi } from 'vitest';
import { createSecurityStore } from '../../stores/security-store';
import { VerificationFlow } from './verification';

const EMOJI: [string, string][] = [
  ['🐶', 'Dog'],
  ['🐱', 'Cat'],
  ['🦁', 'Lion'],
  ['🐎', 'Horse'],
  ['🦄', 'Unicorn'],
  ['🐷', 'Pig'],
  ['🐘', 'Elephant'],
];

/** A verifier that shows the emoji once verify() is called, and settles when told. */
class FakeVerifier extends EventEmitter {
  confirm = vi.fn(() => Promise.resolve());
  mismatch = vi.fn();
  sas: ShowSasCallbacks = {
    sas: { emoji: EMOJI },
    confirm: this.confirm,
    mismatch: this.mismatch,
    cancel: vi.fn(),
  };
  verify = vi.fn(() => {
    this.emit(VerifierEvent.ShowSas, this.sas);
    return new Promise<void>(() => undefined);
  });
  getShowSasCallbacks = () => null;
}

/** A request whose phase the test moves along, as the SDK would on events from the other side. */
class FakeRequest extends EventEmitter {
  phase = VerificationPhase.Requested;
  cancellationCode: string | null = null;
  verifier: FakeVerifier | undefined;
  otherDeviceId = 'OTHER';
  isSelfVerification = true;
  constructor(readonly initiatedByMe: boolean) {
    super();
  }
  accept = vi.fn(() => this.move(VerificationPhase.Ready));
  cancel = vi.fn((params?: { code?: string }) => {
    this.cancellationCode = params?.code ?? 'm.user';
    return this.move(VerificationPhase.Cancelled);
  });
  startVerification = vi.fn(() => {
    this.verifier = new FakeVerifier();
    return Promise.resolve(this.verifier);
  });
  move(phase: VerificationPhase): Promise<void> {
    this.phase = phase;
    this.emit(VerificationRequestEvent.Change);
    return Promise.resolve();
  }
}

function setup(devices = ['ME', 'OTHER']) {
  const client = new EventEmitter();
  const outgoing = new FakeRequest(true);
  const crypto = {
    getUserDeviceInfo: vi.fn(() =>
      Promise.resolve(new Map([['@ada:hs', new Map(devices.map((d) => [d, {}]))]])),
    ),
    requestOwnUserVerification: vi.fn(() => Promise.resolve(outgoing)),
  };
  const fakeClient = Object.assign(client, {
    getCrypto: () => crypto,
    getSafeUserId: () => '@ada:hs',
    getDeviceId: () => 'ME',
  }) as unknown as MatrixClient;
  const store = createSecurityStore();
  const flow = new VerificationFlow(fakeClient, store);
  const unbind = flow.bind();
  const receive = (request: FakeRequest) =>
    client.emit(CryptoEvent.VerificationRequestReceived, request);
  return { flow, store, outgoing, receive, unbind, crypto };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('VerificationFlow', () => {
  it('asks, starts the emoji exchange once the other device is ready, and confirms', async () => {
    const { flow, store, outgoing } = setup();
    await flow.requestFromOtherDevice();
    expect(store.getState().verification).toEqual({ phase: 'requested' });

    await outgoing.move(VerificationPhase.Ready);
    outgoing.emit(VerificationRequestEvent.Change);
    await flush();
    expect(outgoing.startVerification).toHaveBeenCalledTimes(1);
    await outgoing.move(VerificationPhase.Started);
    expect(outgoing.verifier?.verify).toHaveBeenCalledTimes(1);
    expect(outgoing.startVerification).toHaveBeenCalledWith('m.sas.v1');
    const shown = store.getState().verification;
    expect(shown.phase).toBe('showing-emoji');
    expect(shown.phase === 'showing-emoji' && shown.emoji.map((e) => e.name)).toEqual(
      EMOJI.map(([, name]) => name),
    );

    await flow.confirm();
    expect(outgoing.verifier?.confirm).toHaveBeenCalledTimes(1);
    expect(store.getState().verification.phase).toBe('confirmed');
    await outgoing.move(VerificationPhase.Done);
    expect(store.getState().verification).toEqual({ phase: 'done' });
  });

  it('answers a request from another of your devices, and says no on a mismatch', async () => {
    const { flow, store, receive } = setup();
    const incoming = new FakeRequest(false);
    receive(incoming);
    expect(store.getState().verification).toEqual({ phase: 'incoming', otherDeviceId: 'OTHER' });

    await flow.accept();
    expect(store.getState().verification).toEqual({ phase: 'ready' });
    // The other side starts: the verifier appears on our request, and we run it.
    incoming.verifier = new FakeVerifier();
    await incoming.move(VerificationPhase.Started);
    expect(incoming.verifier.verify).toHaveBeenCalledTimes(1);
    expect(store.getState().verification.phase).toBe('showing-emoji');
    expect(incoming.startVerification).not.toHaveBeenCalled();

    flow.mismatch();
    expect(incoming.verifier.mismatch).toHaveBeenCalled();
    incoming.cancellationCode = 'm.mismatched_sas';
    await incoming.move(VerificationPhase.Cancelled);
    expect(store.getState().verification).toMatchObject({
      phase: 'cancelled',
      reason: { code: 'MISMATCH' },
    });
  });

  it('tells a decline here from one on the other device', async () => {
    const { flow, store, receive } = setup();
    const incoming = new FakeRequest(false);
    receive(incoming);
    await flow.cancel();
    expect(store.getState().verification).toMatchObject({ reason: { code: 'CANCELLED_HERE' } });

    await flow.dismiss();
    const other = new FakeRequest(false);
    receive(other);
    await other.cancel();
    expect(store.getState().verification).toMatchObject({ reason: { code: 'DECLINED' } });
  });

  it("ignores other people's requests, and new ones while one is running", () => {
    const { store, receive } = setup();
    const someoneElse = new FakeRequest(false);
    someoneElse.isSelfVerification = false;
    receive(someoneElse);
    expect(store.getState().verification).toEqual({ phase: 'idle' });

    const first = new FakeRequest(false);
    first.otherDeviceId = 'FIRST';
    receive(first);
    const second = new FakeRequest(false);
    second.otherDeviceId = 'SECOND';
    receive(second);
    expect(store.getState().verification).toEqual({ phase: 'incoming', otherDeviceId: 'FIRST' });
  });

  it('says so when there is no other device to ask', async () => {
    const { flow, crypto } = setup(['ME']);
    await expect(flow.requestFromOtherDevice()).rejects.toThrow(/no other signed-in device/);
    expect(crypto.requestOwnUserVerification).not.toHaveBeenCalled();
  });

  it('cancels a running verification when dismissed, and stops listening when unbound', async () => {
    const { flow, store, receive, unbind } = setup();
    const incoming = new FakeRequest(false);
    receive(incoming);
    await flow.dismiss();
    expect(incoming.cancel).toHaveBeenCalled();
    expect(store.getState().verification).toEqual({ phase: 'idle' });

    unbind();
    receive(new FakeRequest(false));
    expect(store.getState().verification).toEqual({ phase: 'idle' });
  });
});
