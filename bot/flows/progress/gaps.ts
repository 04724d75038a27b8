// MICOON's point: the same indicator seen from three perspectives. A gap of two levels or more between any
// two of them is worth a conversation (coverage, "not observed", is never a gap).
export type Perspective = 'student' | 'mentor' | 'teacher';
export const PERSPECTIVES: readonly Perspective[] = ['student', 'mentor', 'teacher'];
export const GAP_THRESHOLD = 2;

export type PerspectiveLevels = Partial<Record<Perspective, number | null>>;

/** The largest difference between the perspectives that rated a level, or 0 when fewer than two did. */
export function gapOf(levels: PerspectiveLevels): number {
  const values = PERSPECTIVES.map((p) => levels[p]).filter((v): v is number => typeof v === 'number');
  return values.length < 2 ? 0 : Math.max(...values) - Math.min(...values);
}

export const hasGap = (levels: PerspectiveLevels): boolean => gapOf(levels) >= GAP_THRESHOLD;
