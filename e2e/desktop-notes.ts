import type { Page } from '@playwright/test';

/**
 * Headless Chromium has no desktop to show notifications on, and its tabs are never hidden: the
 * page's Notification is replaced by a recorder (permission still comes from the real API), and
 * the tab's visibility is switched by the test.
 */
export const RECORDER = `(() => {
  const Real = window.Notification;
  window.haosNotes = [];
  window.haosClosed = [];
  window.haosHidden = false;
  class Recorder {
    static get permission() { return Real.permission; }
    static requestPermission() { return Real.requestPermission(); }
    constructor(title, options) {
      this.title = title;
      window.haosNotes.push({ title, body: options && options.body });
    }
    close() { window.haosClosed.push(this.title); }
  }
  window.Notification = Recorder;
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (window.haosHidden ? 'hidden' : 'visible'),
  });
})()`;

export type Note = { title: string; body: string };
export const notes = (page: Page) =>
  page.evaluate(() => (window as unknown as { haosNotes: Note[] }).haosNotes);
/** Titles of the notifications the app took away again. */
export const closedNotes = (page: Page) =>
  page.evaluate(() => (window as unknown as { haosClosed: string[] }).haosClosed);
export const hide = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    (window as unknown as { haosHidden: boolean }).haosHidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
