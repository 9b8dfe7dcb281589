// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { bindPushToTalk } from './push-to-talk';

/** A window stand-in: a real EventTarget receiving real KeyboardEvents. */
function setup(key = 'KeyT') {
  const target = new EventTarget();
  const changes: boolean[] = [];
  let bound = key;
  const undo = bindPushToTalk(
    target,
    () => bound,
    (held) => changes.push(held),
  );
  const press = (type: 'keydown' | 'keyup', code: string, init: KeyboardEventInit = {}) =>
    target.dispatchEvent(new KeyboardEvent(type, { code, key: code.slice(-1), ...init }));
  return { target, changes, undo, press, rebind: (k: string) => (bound = k) };
}

describe('bindPushToTalk', () => {
  it('holds while the bound key is down, ignoring other keys and key repeat', () => {
    const { changes, press } = setup();
    press('keydown', 'KeyX');
    press('keydown', 'KeyT');
    press('keydown', 'KeyT', { repeat: true });
    press('keyup', 'KeyX');
    expect(changes).toEqual([true]);
    press('keyup', 'KeyT');
    expect(changes).toEqual([true, false]);
  });

  it('lets go when the window loses focus (the key-up would never come)', () => {
    const { target, changes, press } = setup();
    press('keydown', 'KeyT');
    target.dispatchEvent(new Event('blur'));
    expect(changes).toEqual([true, false]);
  });

  it('does nothing with no key bound, and follows a new binding', () => {
    const { changes, press, rebind } = setup('');
    press('keydown', 'KeyT');
    expect(changes).toEqual([]);
    rebind('F8');
    press('keydown', 'F8');
    expect(changes).toEqual([true]);
  });

  it('typing the key into a text field is not talking, but other keys in it are', () => {
    const input = document.createElement('input');
    document.body.append(input);
    const changes: boolean[] = [];
    const undo = bindPushToTalk(
      window,
      () => 'KeyT',
      (held) => changes.push(held),
    );
    input.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyT', key: 't', bubbles: true }));
    expect(changes).toEqual([]);
    undo();
    const undoF8 = bindPushToTalk(
      window,
      () => 'F8',
      (held) => changes.push(held),
    );
    input.dispatchEvent(new KeyboardEvent('keydown', { code: 'F8', key: 'F8', bubbles: true }));
    expect(changes).toEqual([true]);
    undoF8();
    input.remove();
  });

  it('unbinding lets go and stops listening', () => {
    const { changes, press, undo } = setup();
    press('keydown', 'KeyT');
    undo();
    press('keydown', 'KeyT');
    expect(changes).toEqual([true, false]);
  });
});
