// Request bodies of the playground API. Everything from the browser is untrusted, even on localhost.
import { z } from 'zod';

/** A client-generated idempotency key (a uuid per send, reused when the send is retried). */
const sendKey = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'expected a client-generated id such as a uuid (8 to 64 letters, digits or dashes)');

const personEmail = z.string().trim().toLowerCase().email('expected the email address of a person on the roster');

export const MAX_TEXT_LENGTH = 10_000;

export const messageBody = z
  .object({
    personEmail,
    text: z
      .string()
      .max(MAX_TEXT_LENGTH, `expected at most ${MAX_TEXT_LENGTH} characters`)
      .refine((v) => v.trim().length > 0, 'expected a non-empty message'),
    key: sendKey,
  })
  .strict();

export const actionBody = z
  .object({
    personEmail,
    verb: z.string().trim().min(1, 'expected the action verb').max(200),
    data: z.record(z.string(), z.unknown()).default({}),
    inputs: z
      .record(z.string().max(200), z.string().max(MAX_TEXT_LENGTH))
      .refine((v) => Object.keys(v).length <= 100, 'expected at most 100 inputs')
      .default({}),
    /** The playground message (card) the action came from. */
    messageId: z.string().uuid('expected the id of the message the card is in').optional(),
    key: sendKey,
  })
  .strict();

export const eventsQuery = z.object({ person: personEmail });

export type MessageBody = z.infer<typeof messageBody>;
export type ActionBody = z.infer<typeof actionBody>;
