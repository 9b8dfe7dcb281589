import { useState } from 'react';
import { applyTheme, loadTheme, type Theme } from '../../core/config/theme';

/** Switches between the dark and light themes. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(loadTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      className="rounded p-1.5 text-muted hover:bg-chat hover:text-strong"
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
    >
      {theme === 'dark' ? '☀' : '☾'}
    </button>
  );
}
