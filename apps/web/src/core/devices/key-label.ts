/** "KeyT" → "T", "Backquote" → "`"-ish names people recognise. */
export function keyLabel(code: string): string {
  if (!code) return 'No key set';
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  return code.replace(/^(Numpad|Arrow)/, '$1 ').replace(/(Left|Right)$/, ' $1');
}
