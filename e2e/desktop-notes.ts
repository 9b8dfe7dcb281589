import type { Page } from '@playwright/test';

/**
 * Headless Chromium has no desktop to show notifications on, and its tabs are never hidden: the
 * page's Notification is replaced by a recorder (permission still comes from the real API), and
 * the tab's visibility is switched by the test.
 */
export const RECORDER = `(() => {
  const Real = window.Notification;
  window.haosNotes = [];
  window.haosHidden = false;
  class Recorder {
    static get permission() { return Real.permission; }
    static requestPermission() { return Real.requestPermission(); }
    constructor(title, options) { window.haosNotes.push({ title, body: options && options.body }); }
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
export const hide = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    (window as unknown as { haosHidden: boolean }).haosHidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
