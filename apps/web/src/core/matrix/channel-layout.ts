/**
 * Channel categories of a server. Matrix has no categories, so HAOS keeps them in one state event
 * of the space (`chat.haos.channel_layout`, state key ""):
 *
 *   { "categories": [{ "id": "c1a2", "name": "Games" }, …],   // in display order
 *     "channels": { "!room:server": "c1a2", … } }              // channel → its category
 *
 * Channel order stays in `m.space.child` `order`, which other clients read too. Channels without
 * a (known) category are listed as Discord lists them before the first category: here, as two
 * groups, "Text channels" and "Voice channels". Other clients ignore the event.
 */

export interface Category {
  id: string;
  name: string;
}

export interface ChannelLayout {
  categories: Category[];
  /** Channel room ID → category ID. */
  channels: Record<string, string>;
}

export const EMPTY_LAYOUT: ChannelLayout = { categories: [], channels: {} };

const MAX_NAME = 100;
const MAX_CATEGORIES = 50;
const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Reads the layout event's content; anything malformed is dropped, never trusted. */
export function parseLayout(content: unknown): ChannelLayout {
  if (typeof content !== 'object' || content === null) return EMPTY_LAYOUT;
  const raw = content as { categories?: unknown; channels?: unknown };
  const categories: Category[] = [];
  const seen = new Set<string>();
  if (Array.isArray(raw.categories)) {
    for (const entry of raw.categories as unknown[]) {
      if (categories.length >= MAX_CATEGORIES) break;
      if (typeof entry !== 'object' || entry === null) continue;
      const { id, name } = entry as { id?: unknown; name?: unknown };
      if (typeof id !== 'string' || !ID.test(id) || seen.has(id)) continue;
      if (typeof name !== 'string' || name.trim() === '') continue;
      seen.add(id);
      categories.push({ id, name: name.trim().slice(0, MAX_NAME) });
    }
  }
  const channels: Record<string, string> = {};
  if (typeof raw.channels === 'object' && raw.channels !== null && !Array.isArray(raw.channels)) {
    for (const [roomId, categoryId] of Object.entries(raw.channels as Record<string, unknown>)) {
      if (roomId.startsWith('!') && typeof categoryId === 'string' && seen.has(categoryId)) {
        channels[roomId] = categoryId;
      }
    }
  }
  return { categories, channels };
}

/** A titled group of channels in the sidebar. */
export interface ChannelGroup<C> {
  /** Stable key: the category ID, or "text"/"voice" for channels without a category. */
  key: string;
  title: string;
  /** Undefined for the groups of channels without a category. */
  categoryId: string | undefined;
  channels: C[];
}

/**
 * Sorts channels (already in server order) into groups: channels without a category first (text,
 * then voice; a group only when it has channels), then each category in order, even when empty
 * (so a new category can be seen and filled).
 */
export function groupChannels<C extends { id: string; kind: 'text' | 'voice' }>(
  channels: readonly C[],
  layout: ChannelLayout,
): ChannelGroup<C>[] {
  const byCategory = new Map<string, C[]>(layout.categories.map((c) => [c.id, []]));
  const text: C[] = [];
  const voice: C[] = [];
  for (const channel of channels) {
    const categoryId = layout.channels[channel.id];
    const list = categoryId ? byCategory.get(categoryId) : undefined;
    if (list) list.push(channel);
    else (channel.kind === 'voice' ? voice : text).push(channel);
  }
  const groups: ChannelGroup<C>[] = [];
  if (text.length > 0)
    groups.push({ key: 'text', title: 'Text channels', categoryId: undefined, channels: text });
  if (voice.length > 0)
    groups.push({ key: 'voice', title: 'Voice channels', categoryId: undefined, channels: voice });
  for (const category of layout.categories) {
    groups.push({
      key: category.id,
      title: category.name,
      categoryId: category.id,
      channels: byCategory.get(category.id) ?? [],
    });
  }
  return groups;
}

/** A new category ID, unique in the layout. */
export function newCategoryId(layout: ChannelLayout, random = Math.random): string {
  for (;;) {
    const id = `c${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`;
    if (!layout.categories.some((c) => c.id === id)) return id;
  }
}

export function checkCategoryName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A category needs a name.');
  if (trimmed.length > MAX_NAME)
    throw new Error(`A category name can be at most ${MAX_NAME} characters.`);
  return trimmed;
}

export function addCategory(layout: ChannelLayout, id: string, name: string): ChannelLayout {
  if (layout.categories.length >= MAX_CATEGORIES)
    throw new Error(`A server can have at most ${MAX_CATEGORIES} categories.`);
  return { ...layout, categories: [...layout.categories, { id, name: checkCategoryName(name) }] };
}

export function renameCategory(layout: ChannelLayout, id: string, name: string): ChannelLayout {
  const checked = checkCategoryName(name);
  return {
    ...layout,
    categories: layout.categories.map((c) => (c.id === id ? { ...c, name: checked } : c)),
  };
}

/** Removes a category; its channels go back to the groups without a category. */
export function removeCategory(layout: ChannelLayout, id: string): ChannelLayout {
  return {
    categories: layout.categories.filter((c) => c.id !== id),
    channels: Object.fromEntries(Object.entries(layout.channels).filter(([, c]) => c !== id)),
  };
}

export function moveCategory(layout: ChannelLayout, id: string, direction: -1 | 1): ChannelLayout {
  const from = layout.categories.findIndex((c) => c.id === id);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= layout.categories.length) return layout;
  const categories = [...layout.categories];
  [categories[from], categories[to]] = [categories[to]!, categories[from]!];
  return { ...layout, categories };
}

/** Puts a channel in a category, or (undefined) takes it out of any. */
export function placeChannel(
  layout: ChannelLayout,
  channelId: string,
  categoryId: string | undefined,
): ChannelLayout {
  const channels = { ...layout.channels };
  if (categoryId === undefined) delete channels[channelId];
  else if (layout.categories.some((c) => c.id === categoryId)) channels[channelId] = categoryId;
  else throw new Error('That category no longer exists.');
  return { ...layout, channels };
}
