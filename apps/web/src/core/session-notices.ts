/** What HAOS tells a person whose session could not go on, in words they can act on. */

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const host = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

const HISTORY =
  'Your encrypted messages come back with your recovery key, or by verifying from another signed-in device.';

export const problemText = {
  storage: (error: unknown) =>
    `This browser won't let HAOS open its storage (${reasonOf(error)}). HAOS keeps your session there, encrypted. Check that site data is allowed for this site and that the disk isn't full, then try again.`,
  unreadable: (reason: string) =>
    `Your saved session is still in this browser, but ${reason}. HAOS hasn't deleted anything. Try again; if that doesn't help, sign in again.`,
  startFailed: (error: unknown) =>
    `HAOS found your saved session but couldn't start it (${reasonOf(error)}). Nothing was deleted. Close other HAOS tabs and try again; if it keeps failing, sign in again.`,
};

export const forgottenNotice = `This browser no longer keeps your old session. Sign in again. ${HISTORY}`;

export const endedNotice = (homeserverUrl: string) =>
  `You were signed out: ${host(homeserverUrl)} ended this session (it was signed out from another device, or removed by an admin). Sign in again. ${HISTORY}`;
