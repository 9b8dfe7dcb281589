/** The steps of joining a call, as User Timing marks named `haos.call.<step>`. */
export type CallStep = 'join' | 'openid' | 'token' | 'signal' | 'connected';

/**
 * Marks that a step of joining a call was reached (a User Timing mark, so it shows in the
 * browser's performance tools; the voice benchmark reads them). Each name holds only its latest
 * mark, so repeated joins read the latest join's times.
 */
export function markCallStep(step: CallStep): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const name = `haos.call.${step}`;
  performance.clearMarks(name);
  performance.mark(name);
}
