/**
 * LiveKit's connection quality of one participant, as HAOS shows it: a few signal bars and an
 * accessible name. Pure, so the mapping is tested without a LiveKit Room.
 */
export type QualityLevel = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

const BARS: Record<QualityLevel, number> = { excellent: 3, good: 2, poor: 1, lost: 0, unknown: 0 };

/** LiveKit's `ConnectionQuality` value (a string enum) as a level; anything else is unknown. */
export function qualityLevelOf(value: string | undefined): QualityLevel {
  return value !== undefined && value in BARS ? (value as QualityLevel) : 'unknown';
}

/** How many of the three bars are lit. */
export function barsOf(level: QualityLevel): number {
  return BARS[level];
}

/** The indicator's accessible name, e.g. "Connection: good". */
export function qualityLabel(level: QualityLevel): string {
  return `Connection: ${level}`;
}

/** The qualities with one participant's changed; the same object when nothing changed. */
export function withQuality(
  qualities: Record<string, QualityLevel>,
  identity: string,
  level: QualityLevel,
): Record<string, QualityLevel> {
  return qualities[identity] === level ? qualities : { ...qualities, [identity]: level };
}
