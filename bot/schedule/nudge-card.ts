// The nudge: names the shift, offers the reflection with one tap (its data carries the shift, re-checked on the
// server) and "skip today". Its text works without the card: any answer starts the reflection.
import { DateTime } from 'luxon';
import { actions, card, text } from '../../cards/spec.js';
import type { Outbound } from '../core/types.js';
import { t } from '../i18n/index.js';

export const NUDGE_VERBS = { reflect: 'nudge.reflect', skip: 'nudge.skip' } as const;

export function nudgeMessage(
  locale: string,
  shift: { id: number; workplace: string; startsAt: Date; endsAt: Date; zone: string } | null,
  options: { reminder?: boolean } = {},
): Outbound {
  let body: string;
  if (!shift) body = t(locale, 'nudge.fixed');
  else if (options.reminder) body = t(locale, 'nudge.reminder');
  else if (shift.workplace.trim()) body = t(locale, 'nudge.afterShiftAt', { workplace: shift.workplace.trim() });
  else {
    const at = (d: Date) => DateTime.fromJSDate(d, { zone: shift.zone }).toFormat('HH:mm');
    body = t(locale, 'nudge.afterShift', { time: `${at(shift.startsAt)}–${at(shift.endsAt)}` });
  }
  const data: Record<string, string> = shift ? { shiftId: String(shift.id) } : {};
  return {
    text: body,
    card: card({
      kind: 'nudge',
      title: t(locale, 'nudge.title'),
      fallbackText: body,
      elements: [
        text(body),
        actions(
          { verb: NUDGE_VERBS.reflect, label: t(locale, 'nudge.start'), data, style: 'primary' },
          { verb: NUDGE_VERBS.skip, label: t(locale, 'nudge.skip') },
        ),
      ],
    }),
  };
}
