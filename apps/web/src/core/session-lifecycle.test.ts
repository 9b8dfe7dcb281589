import { describe, expect, it } from 'vitest';
import { AppController } from './app-controller';
import type { SessionVault, StoredSession, VaultContents } from './matrix/session-vault';

const stored: StoredSession = {
  homeserverUrl: 'https://hs.example',
  userId: '@ada:hs.example',
  deviceId: 'DEV',
  accessToken: 'syt_x',
  cryptoStorageKey: 'a2V5',
};

/** A vault whose load answers as told, counting what the controller does with it. */
function fakeVault(load: () => Promise<VaultContents>) {
  const calls = { load: 0, clear: 0 };
  const vault = {
    load: () => {
      calls.load++;
      return load();
    },
    save: () => Promise.resolve(),
    clear: () => {
      calls.clear++;
      return Promise.resolve();
    },
  } as unknown as SessionVault;
  return { vault, calls };
}

const config = { defaultHomeserverUrl: 'https://hs.example', defaultServerName: 'hs.example' };

describe('AppController.restore', () => {
  it('runs once when called twice at once (StrictMode), never starting two sessions', async () => {
    const { vault, calls } = fakeVault(() => Promise.resolve({ status: 'found', session: stored }));
    let starts = 0;
    const controller = new AppController(config, vault, () => {
      starts++;
      return Promise.reject(new Error('the crypto store is held by another tab'));
    });
    await Promise.all([controller.restore(), controller.restore()]);
    expect(starts).toBe(1);
    expect(calls.load).toBe(1);
  });

  it('keeps a session that fails to start, and says so; Try again tries again', async () => {
    const { vault, calls } = fakeVault(() => Promise.resolve({ status: 'found', session: stored }));
    let starts = 0;
    const controller = new AppController(config, vault, () => {
      starts++;
      return Promise.reject(new Error('the crypto store is held by another tab'));
    });
    await controller.restore();
    const auth = controller.session.getState().auth;
    expect(auth).toMatchObject({ status: 'problem', problem: { code: 'START_FAILED' } });
    expect(auth.status === 'problem' && auth.problem.message).toContain(
      'the crypto store is held by another tab',
    );
    expect(calls.clear).toBe(0);
    await controller.retryRestore();
    expect(starts).toBe(2);
  });

  it('tells an unreadable vault from an empty one, and deletes nothing until asked', async () => {
    const { vault, calls } = fakeVault(() =>
      Promise.resolve({ status: 'unreadable', reason: 'it could not be decrypted' }),
    );
    const controller = new AppController(config, vault, () => Promise.reject(new Error('no')));
    await controller.restore();
    expect(controller.session.getState().auth).toMatchObject({
      status: 'problem',
      problem: { code: 'SESSION_UNREADABLE' },
    });
    expect(calls.clear).toBe(0);
    await controller.forgetSession();
    expect(calls.clear).toBe(1);
    expect(controller.session.getState().auth).toMatchObject({ status: 'signed-out' });
  });

  it('says when the browser storage cannot be opened', async () => {
    const { vault, calls } = fakeVault(() =>
      Promise.reject(
        new DOMException(
          'The operation failed for reasons unrelated to the database itself',
          'UnknownError',
        ),
      ),
    );
    const controller = new AppController(config, vault);
    await controller.restore();
    const auth = controller.session.getState().auth;
    expect(auth).toMatchObject({ status: 'problem', problem: { code: 'STORAGE_UNAVAILABLE' } });
    expect(calls.clear).toBe(0);
  });

  it('an empty vault is the sign-in screen, without a notice', async () => {
    const { vault } = fakeVault(() => Promise.resolve({ status: 'empty' }));
    const controller = new AppController(config, vault);
    await controller.restore();
    expect(controller.session.getState().auth).toEqual({ status: 'signed-out' });
  });
});
