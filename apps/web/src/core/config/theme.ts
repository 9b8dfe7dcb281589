export type Theme = 'dark' | 'light';

const KEY = 'haos-theme';

/** The theme the person chose on this device; dark by default. */
export function loadTheme(storage: Pick<Storage, 'getItem'> = localStorage): Theme {
  return storage.getItem(KEY) === 'light' ? 'light' : 'dark';
}

/** Applies a theme to the document and remembers it on this device. */
export function applyTheme(
  theme: Theme,
  root: HTMLElement = document.documentElement,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  root.dataset.theme = theme;
  storage.setItem(KEY, theme);
}
