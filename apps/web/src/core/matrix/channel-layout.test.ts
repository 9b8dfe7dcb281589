import { describe, expect, it } from 'vitest';
import {
  addCategory,
  EMPTY_LAYOUT,
  groupChannels,
  moveCategory,
  newCategoryId,
  parseLayout,
  placeChannel,
  removeCategory,
  renameCategory,
} from './channel-layout';

const text = (id: string) => ({ id, kind: 'text' as const });
const voice = (id: string) => ({ id, kind: 'voice' as const });

describe('parseLayout', () => {
  it('reads categories and placements', () => {
    const layout = parseLayout({
      categories: [{ id: 'games', name: ' Games ' }],
      channels: { '!a:hs': 'games' },
    });
    expect(layout).toEqual({
      categories: [{ id: 'games', name: 'Games' }],
      channels: { '!a:hs': 'games' },
    });
  });

  it('drops whatever is malformed, duplicated or points nowhere', () => {
    const layout = parseLayout({
      categories: [
        { id: 'ok', name: 'Fine' },
        { id: 'ok', name: 'Duplicate' },
        { id: 'bad id!', name: 'Bad' },
        { id: 'blank', name: '   ' },
        { id: 'num', name: 5 },
        null,
        'nope',
        { id: 'long', name: 'x'.repeat(500) },
      ],
      channels: { '!a:hs': 'ok', '!b:hs': 'missing', 'not-a-room': 'ok', '!c:hs': 7 },
    });
    expect(layout.categories.map((c) => c.id)).toEqual(['ok', 'long']);
    expect(layout.categories[1]!.name).toHaveLength(100);
    expect(layout.channels).toEqual({ '!a:hs': 'ok' });
    expect(parseLayout(undefined)).toEqual(EMPTY_LAYOUT);
    expect(parseLayout({ categories: 'x', channels: [] })).toEqual(EMPTY_LAYOUT);
  });
});

describe('groupChannels', () => {
  it('lists channels without a category as text and voice, then each category in order', () => {
    const layout = {
      categories: [
        { id: 'b', name: 'Second' },
        { id: 'a', name: 'First' },
        { id: 'e', name: 'Empty' },
      ],
      channels: { '!2': 'a', '!3': 'b', '!4': 'a' },
    };
    const groups = groupChannels(
      [text('!1'), voice('!2'), text('!3'), text('!4'), voice('!5')],
      layout,
    );
    expect(groups.map((g) => [g.key, g.channels.map((c) => c.id)])).toEqual([
      ['text', ['!1']],
      ['voice', ['!5']],
      ['b', ['!3']],
      ['a', ['!2', '!4']],
      ['e', []],
    ]);
  });

  it('without a layout is the plain text / voice split, without empty groups', () => {
    expect(groupChannels([text('!1')], EMPTY_LAYOUT).map((g) => g.title)).toEqual([
      'Text channels',
    ]);
  });
});

describe('layout changes', () => {
  it('adds, renames, reorders, places and removes categories', () => {
    let layout = addCategory(EMPTY_LAYOUT, 'g', 'Games');
    layout = addCategory(layout, 'm', 'Music');
    layout = renameCategory(layout, 'g', '  Gaming ');
    layout = moveCategory(layout, 'm', -1);
    layout = placeChannel(layout, '!x', 'g');
    expect(layout).toEqual({
      categories: [
        { id: 'm', name: 'Music' },
        { id: 'g', name: 'Gaming' },
      ],
      channels: { '!x': 'g' },
    });
    expect(moveCategory(layout, 'm', -1)).toBe(layout);
    expect(placeChannel(layout, '!x', undefined).channels).toEqual({});
    expect(removeCategory(layout, 'g')).toEqual({
      categories: [{ id: 'm', name: 'Music' }],
      channels: {},
    });
  });

  it('refuses empty names and categories that no longer exist', () => {
    expect(() => addCategory(EMPTY_LAYOUT, 'g', '  ')).toThrow('A category needs a name.');
    expect(() => placeChannel(EMPTY_LAYOUT, '!x', 'gone')).toThrow(
      'That category no longer exists.',
    );
  });

  it('makes IDs that are valid and not taken', () => {
    const values = [0, 0, 0.5];
    const layout = addCategory(EMPTY_LAYOUT, 'c000000', 'Taken');
    const id = newCategoryId(layout, () => values.shift()!);
    expect(id).not.toBe('c000000');
    expect(parseLayout(addCategory(layout, id, 'New')).categories).toHaveLength(2);
  });
});
