// Figures for indicator suggestions against gold labels. The student sees at most three proposals; those the
// matcher is confident about come pre-ticked, so they are what gets stored when the student just confirms.
//   - micro- and macro-F1: the pre-ticked proposals against the gold indicators;
//   - top-3 recall: the share of reflections whose gold indicators are all among the (at most three) shown;
//   - per indicator: F1 (pre-ticked) and false-positive rate (shown at all for a reflection not about it);
//   - shown-F1: F1 as if every shown proposal were ticked, for comparison;
//   - confusions: which indicator is shown instead of which.
import type { LabelledReflection } from './dataset.js';

/** One proposal as the student sees it: `ticked` when it comes pre-selected. */
export interface Proposal {
  code: string;
  ticked: boolean;
}

export interface IndicatorFigures {
  code: string;
  /** Reflections labelled with this indicator. */
  gold: number;
  /** Reflections it was pre-ticked for. */
  proposed: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of the reflections NOT about this indicator that it was shown for (ticked or not). */
  falsePositiveRate: number;
}

export interface TaggingFigures {
  reflections: number;
  microPrecision: number;
  microRecall: number;
  microF1: number;
  /** Mean F1 over the indicators that occur in the gold labels. */
  macroF1: number;
  /** Macro- and micro-F1 as if every shown proposal were ticked. */
  shownMacroF1: number;
  shownMicroF1: number;
  /** Share of reflections with gold indicators whose gold indicators were all proposed (at most three). */
  top3Recall: number;
  /** Share of reflections without gold indicators for which nothing was pre-ticked. */
  noneCorrect: number | null;
  maxFalsePositiveRate: number;
  perIndicator: IndicatorFigures[];
  /** "proposed X where the reflection was about Y (or about nothing)", most frequent first. */
  confusions: { proposed: string; insteadOf: string; count: number }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

interface Counts {
  tp: number;
  gold: number;
  proposed: number;
  per: Map<string, { gold: number; proposed: number; tp: number }>;
}

function count(items: LabelledReflection[], chosen: string[][], codes: string[]): Counts {
  const per = new Map(codes.map((c) => [c, { gold: 0, proposed: 0, tp: 0 }]));
  const c: Counts = { tp: 0, gold: 0, proposed: 0, per };
  items.forEach((item, i) => {
    const gold = new Set(item.indicators);
    c.gold += gold.size;
    for (const g of gold) per.get(g)!.gold += 1;
    for (const p of chosen[i]!) {
      const entry = per.get(p) ?? { gold: 0, proposed: 0, tp: 0 };
      per.set(p, entry);
      entry.proposed += 1;
      c.proposed += 1;
      if (gold.has(p)) {
        entry.tp += 1;
        c.tp += 1;
      }
    }
  });
  return c;
}

const macro = (c: Counts): number => {
  const scored = [...c.per.values()].filter((e) => e.gold > 0);
  return ratio(
    scored.reduce((a, e) => a + f1(ratio(e.tp, e.proposed), ratio(e.tp, e.gold)), 0),
    scored.length,
  );
};
const micro = (c: Counts): number => f1(ratio(c.tp, c.proposed), ratio(c.tp, c.gold));

/** `proposals[i]` are what was shown for `items[i]`, best first. `codes` lists every indicator of the framework. */
export function evaluateTagging(items: LabelledReflection[], proposals: Proposal[][], codes: string[]): TaggingFigures {
  if (proposals.length !== items.length) throw new Error('one list of proposals per reflection is needed');
  const shown = proposals.map((list) => [...new Set(list.map((p) => p.code))].slice(0, 3));
  const ticked = proposals.map((list, i) =>
    [...new Set(list.filter((p) => p.ticked).map((p) => p.code))].filter((c) => shown[i]!.includes(c)),
  );
  const t = count(items, ticked, codes);
  const s = count(items, shown, codes);
  const confusion = new Map<string, number>();
  let withGold = 0;
  let allFound = 0;
  let none = 0;
  let noneCorrect = 0;
  items.forEach((item, i) => {
    const gold = new Set(item.indicators);
    const list = shown[i]!;
    if (gold.size === 0) {
      none += 1;
      if (ticked[i]!.length === 0) noneCorrect += 1;
    } else {
      withGold += 1;
      if ([...gold].every((g) => list.includes(g))) allFound += 1;
    }
    const missed = [...gold].filter((g) => !list.includes(g));
    for (const p of list.filter((p) => !gold.has(p))) {
      for (const m of missed.length > 0 ? missed : gold.size === 0 ? ['(none)'] : ['(extra)']) {
        const key = `${p}\u0000${m}`;
        confusion.set(key, (confusion.get(key) ?? 0) + 1);
      }
    }
  });
  const perIndicator: IndicatorFigures[] = [...t.per.entries()].map(([code, e]) => {
    const precision = ratio(e.tp, e.proposed);
    const recall = ratio(e.tp, e.gold);
    const shownEntry = s.per.get(code) ?? { gold: 0, proposed: 0, tp: 0 };
    return {
      code,
      gold: e.gold,
      proposed: e.proposed,
      truePositives: e.tp,
      precision,
      recall,
      f1: f1(precision, recall),
      falsePositiveRate: ratio(shownEntry.proposed - shownEntry.tp, items.length - e.gold),
    };
  });
  const microPrecision = ratio(t.tp, t.proposed);
  const microRecall = ratio(t.tp, t.gold);
  return {
    reflections: items.length,
    microPrecision,
    microRecall,
    microF1: micro(t),
    macroF1: macro(t),
    shownMacroF1: macro(s),
    shownMicroF1: micro(s),
    top3Recall: ratio(allFound, withGold),
    noneCorrect: none === 0 ? null : noneCorrect / none,
    maxFalsePositiveRate: Math.max(0, ...perIndicator.map((p) => p.falsePositiveRate)),
    perIndicator,
    confusions: [...confusion.entries()]
      .map(([key, n]) => {
        const [proposed, insteadOf] = key.split('\u0000') as [string, string];
        return { proposed, insteadOf, count: n };
      })
      .sort(
        (a, b) => b.count - a.count || a.proposed.localeCompare(b.proposed) || a.insteadOf.localeCompare(b.insteadOf),
      ),
  };
}

const pct = (x: number): string => x.toFixed(2);

/** The issue's bound: no indicator is shown for more than a third of the reflections that are not about it. */
export const MAX_FALSE_POSITIVE_RATE = 1 / 3;

/**
 * A plain-text report: the summary line, one line per indicator (with its false-positive rate, flagged above the
 * bound), which indicator is shown instead of which, and which are shown beside every gold indicator.
 */
export function formatTaggingFigures(title: string, f: TaggingFigures, options: { confusions?: number } = {}): string {
  const worst = f.perIndicator.reduce<IndicatorFigures | undefined>(
    (w, p) => (w === undefined || p.falsePositiveRate > w.falsePositiveRate ? p : w),
    undefined,
  );
  const over = f.perIndicator.filter((p) => p.falsePositiveRate > MAX_FALSE_POSITIVE_RATE);
  const lines = [
    `${title}: ${f.reflections} reflections — macro-F1 ${pct(f.macroF1)}, micro-F1 ${pct(f.microF1)} ` +
      `(P ${pct(f.microPrecision)}, R ${pct(f.microRecall)}), top-3 recall ${pct(f.top3Recall)}, ` +
      `"none" right ${f.noneCorrect === null ? 'n/a' : pct(f.noneCorrect)}`,
    `  (F1 over pre-ticked proposals; if every shown proposal were ticked: macro-F1 ${pct(f.shownMacroF1)}, ` +
      `micro-F1 ${pct(f.shownMicroF1)})`,
    `  false-positive rate (shown for a reflection not about it): highest ${pct(f.maxFalsePositiveRate)}` +
      `${worst ? ` (${worst.code})` : ''}; ` +
      (over.length === 0
        ? 'every indicator within 1/3'
        : `above 1/3: ${over.map((p) => `${p.code} ${pct(p.falsePositiveRate)}`).join(', ')}`),
    '  indicator  gold  ticked  P     R     F1    FP-rate',
    ...f.perIndicator.map(
      (p) =>
        `  ${p.code.padEnd(9)}  ${String(p.gold).padStart(4)}  ${String(p.proposed).padStart(6)}  ${pct(p.precision)}  ` +
        `${pct(p.recall)}  ${pct(p.f1)}  ${pct(p.falsePositiveRate)}` +
        (p.falsePositiveRate > MAX_FALSE_POSITIVE_RATE ? '  > 1/3' : ''),
    ),
  ];
  const instead = f.confusions.filter((c) => c.insteadOf !== '(extra)').slice(0, options.confusions ?? 8);
  if (instead.length > 0) {
    lines.push('  most frequent confusions (shown → what the reflection was about, missed):');
    for (const c of instead) lines.push(`    ${c.proposed} → ${c.insteadOf}: ${c.count}×`);
  }
  const extra = f.confusions.filter((c) => c.insteadOf === '(extra)').slice(0, options.confusions ?? 8);
  if (extra.length > 0)
    lines.push(
      `  shown beside all gold indicators (mostly unticked): ${extra.map((c) => `${c.proposed} ${c.count}×`).join(', ')}`,
    );
  return lines.join('\n');
}
