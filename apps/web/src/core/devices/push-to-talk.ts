/** Where key events come from (the window, or a fake in tests). */
export interface KeySource {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** Typing a character into a text field is typing, not talking. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const editable =
    !!target &&
    (target.isContentEditable ||
      target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' &&
        !['checkbox', 'radio', 'range', 'button'].includes((target as HTMLInputElement).type)));
  return editable && event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey;
}

/**
 * Push-to-talk while this tab has focus: `onChange(true)` when the bound key goes down,
 * `onChange(false)` when it comes up or the window loses focus (a key let go elsewhere never
 * arrives). Key repeat is ignored. `key()` is read on each event, so rebinding needs no rebind.
 */
export function bindPushToTalk(
  source: KeySource,
  key: () => string,
  onChange: (held: boolean) => void,
): () => void {
  let held = false;
  const set = (next: boolean) => {
    if (next === held) return;
    held = next;
    onChange(next);
  };
  const down = (event: Event) => {
    const e = event as KeyboardEvent;
    const code = key();
    if (!code || e.code !== code || e.repeat || held || typing(e)) return;
    set(true);
  };
  const up = (event: Event) => {
    const code = key();
    if (code && (event as KeyboardEvent).code === code) set(false);
  };
  const blur = () => set(false);
  source.addEventListener('keydown', down);
  source.addEventListener('keyup', up);
  source.addEventListener('blur', blur);
  return () => {
    source.removeEventListener('keydown', down);
    source.removeEventListener('keyup', up);
    source.removeEventListener('blur', blur);
    set(false);
  };
}
