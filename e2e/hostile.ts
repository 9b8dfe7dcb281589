import { expect, type BrowserContext, type Page } from '@playwright/test';
import { matrixRequest, type TestUser } from '@haos/stack';

/** Hostile clients and hostile files for the security tests, over the real client-server API. */

/** Signs in an existing account as a second device (a "hostile client" beside its HAOS tab). */
export async function loginUser(
  homeserver: string,
  username: string,
  password: string,
): Promise<TestUser> {
  const response = await fetch(`${homeserver}/_matrix/client/v3/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: username },
      password,
    }),
  });
  const body = (await response.json()) as {
    user_id: string;
    access_token: string;
    device_id: string;
  };
  if (!response.ok) throw new Error(`login ${username}: HTTP ${response.status}`);
  return {
    userId: body.user_id,
    accessToken: body.access_token,
    deviceId: body.device_id,
    password,
  };
}

/** Uploads bytes with whatever Content-Type the sender likes; returns the mxc:// URI. */
export async function uploadMedia(
  homeserver: string,
  user: TestUser,
  bytes: string | Buffer,
  contentType: string,
  filename: string,
): Promise<string> {
  const response = await fetch(
    `${homeserver}/_matrix/media/v3/upload?filename=${encodeURIComponent(filename)}`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${user.accessToken}`, 'Content-Type': contentType },
      body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
    },
  );
  const body = (await response.json()) as { content_uri?: string };
  if (!response.ok || !body.content_uri) throw new Error(`upload: HTTP ${response.status}`);
  return body.content_uri;
}

let txn = 0;
/** Sends a raw event, exactly as given, the way any other client may. */
export async function sendRaw(
  homeserver: string,
  user: TestUser,
  roomId: string,
  content: Record<string, unknown>,
  type = 'm.room.message',
): Promise<string> {
  const { event_id } = await matrixRequest<{ event_id: string }>(
    homeserver,
    user,
    'PUT',
    `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/hostile${Date.now()}-${txn++}`,
    content,
  );
  return event_id;
}

/** The one joined room of `user` with this name. */
export async function roomNamed(homeserver: string, user: TestUser, name: string): Promise<string> {
  const { joined_rooms } = await matrixRequest<{ joined_rooms: string[] }>(
    homeserver,
    user,
    'GET',
    '/_matrix/client/v3/joined_rooms',
  );
  for (const roomId of joined_rooms) {
    const state = await matrixRequest<{ type: string; content: { name?: string } }[]>(
      homeserver,
      user,
      'GET',
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`,
    );
    if (state.some((e) => e.type === 'm.room.name' && e.content.name === name)) return roomId;
  }
  throw new Error(`${user.userId} is in no room named ${name}`);
}

/**
 * What a payload does if it ever runs at HAOS's origin: leaves a mark in localStorage, logs,
 * calls home, and reads the session vault (IndexedDB `haos-session`) and reports what it found.
 */
export const PWNED = 'HAOS-PWNED';
const payloadScript = (tag: string) =>
  `(function(){var t=${JSON.stringify(tag)};` +
  `try{localStorage.setItem('haos-pwned',t)}catch(e){}` +
  `console.log('${PWNED} '+t);` +
  `fetch('/haos-pwned?'+t).catch(function(){});` +
  `try{var r=indexedDB.open('haos-session');r.onsuccess=function(){try{` +
  `var q=r.result.transaction('vault').objectStore('vault').getAll();` +
  `q.onsuccess=function(){localStorage.setItem('haos-pwned-vault',t+':'+q.result.length);` +
  `console.log('${PWNED} vault '+q.result.length)}}catch(e){}}}catch(e){}})()`;

export const hostileSvg = (tag: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="${payloadScript(`${tag}-onload`).replace(/"/g, '&quot;')}">` +
  `<script>${payloadScript(tag)}</script><rect width="40" height="40" fill="red"/></svg>`;

export const hostileHtml = (tag: string) =>
  `<!doctype html><html><body><h1>hi</h1><script>${payloadScript(tag)}</script>` +
  `<img src="x" onerror="${payloadScript(`${tag}-onerror`).replace(/"/g, '&quot;')}"></body></html>`;

/** Every blob: URL a page makes, with its type; kept alive so a test can open each later. */
export async function recordBlobUrls(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const made: { url: string; type: string }[] = [];
    (window as unknown as { __haosBlobs: typeof made }).__haosBlobs = made;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      if (object instanceof Blob) made.push({ url, type: object.type });
      return url;
    };
    URL.revokeObjectURL = () => {};
  });
}

export const blobsOf = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __haosBlobs: { url: string; type: string }[] }).__haosBlobs,
  );

/** Collects every sign that a payload ran anywhere in this context. */
export function watchForPayloads(context: BrowserContext): { signs: string[] } {
  const signs: string[] = [];
  const onPage = (page: Page) =>
    page.on('console', (message) => {
      if (message.text().includes(PWNED)) signs.push(`console: ${message.text()}`);
    });
  context.pages().forEach(onPage);
  context.on('page', onPage);
  context.on('request', (request) => {
    if (request.url().includes('haos-pwned')) signs.push(`request: ${request.url()}`);
  });
  return { signs };
}

/**
 * Opens a blob: URL at its own address in a new tab of the person's context, as "open image in
 * new tab" does. Returns what the tab became: a document's content type, or 'download'.
 */
export async function openInNewTab(context: BrowserContext, url: string): Promise<string> {
  const tab = await context.newPage();
  const download = tab.waitForEvent('download', { timeout: 15_000 }).then(
    () => 'download',
    () => undefined,
  );
  const loaded = await tab.goto(url).then(
    () => true,
    () => false,
  );
  const outcome = loaded
    ? await tab.evaluate(() => document.contentType)
    : ((await download) ?? 'failed to open');
  await tab.close();
  return outcome;
}

/** No payload ran: no mark in storage, no log line, no request home. */
export async function expectNoPayloadRan(page: Page, watch: { signs: string[] }): Promise<void> {
  const marks = await page.evaluate(() => [
    localStorage.getItem('haos-pwned'),
    localStorage.getItem('haos-pwned-vault'),
  ]);
  expect(marks).toEqual([null, null]);
  expect(watch.signs).toEqual([]);
}
