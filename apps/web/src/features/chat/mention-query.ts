/** The @ or # word being typed at the caret, if any: what to suggest mentions for. */
export interface MentionQuery {
  trigger: '@' | '#';
  query: string;
  /** Where the trigger character is in the text. */
  start: number;
}

export function mentionQueryAt(text: string, caret: number): MentionQuery | undefined {
  const match = /(^|\s)([@#])([^\s@#]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return {
    trigger: match[2] as '@' | '#',
    query: match[3] ?? '',
    start: caret - (match[3]?.length ?? 0) - 1,
  };
}

/** The text with the typed @query replaced by the picked mention and a space after it. */
export function insertMention(
  text: string,
  at: MentionQuery,
  mentionText: string,
): { text: string; caret: number } {
  const end = at.start + 1 + at.query.length;
  const next = `${text.slice(0, at.start)}${mentionText} ${text.slice(end)}`;
  return { text: next, caret: at.start + mentionText.length + 1 };
}
