import { describe, expect, it } from 'vitest';
import { applyTheme, loadTheme } from './theme';

describe('theme', () => {
  it('is dark unless light was chosen', () => {
    expect(loadTheme({ getItem: () => null })).toBe('dark');
    expect(loadTheme({ getItem: () => 'light' })).toBe('light');
    expect(loadTheme({ getItem: () => 'neon' })).toBe('dark');
  });

  it('applies to the root element and is remembered', () => {
    const saved = new Map<string, string>();
    const root = { dataset: {} } as HTMLElement;
    applyTheme('light', root, { setItem: (k, v) => saved.set(k, v) });
    expect(root.dataset.theme).toBe('light');
    expect(loadTheme({ getItem: (k) => saved.get(k) ?? null })).toBe('light');
  });
});
