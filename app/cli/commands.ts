// Every CLI command, one entry each. To add one (schedule, health, digest, audit, …): write its handler against
// CommandContext and add an entry here; `leerkans --help`, local runs and runs inside the server pick it up.
import { importFramework } from '../../bot/imports/framework.js';
import { importRoster } from '../../bot/imports/roster.js';
import { importShifts } from '../../bot/imports/shifts.js';
import { erasePersonData, exportPersonData } from '../../bot/privacy/export.js';
import { migrate } from '../../db/migrate.js';
import { auditCommand } from './audit.js';
import { type CliCommand, UsageError } from './command.js';
import { digestNowCommand } from './digest.js';
import { evalTaggingCommand, indicatorsFromDatabase } from './eval-tagging.js';
import { healthCommand } from './health.js';
import { retentionCommand } from './retention.js';
import { importHolidaysCommand } from './import-holidays.js';
import { scheduleCommand } from './schedule.js';

const email = { email: { type: 'string' } } as const;

export const commands: CliCommand[] = [
  {
    name: 'migrate',
    usage: 'migrate                      apply database migrations',
    database: true,
    async run({ db, out }) {
      const applied = await migrate(db);
      out(applied.length > 0 ? `Applied migrations ${applied.join(', ')}` : 'Database is up to date');
    },
  },
  {
    name: 'import framework',
    usage: 'import framework FILE        import a competence framework (YAML or JSON)',
    database: true,
    async run({ db, args, out, readInput }) {
      const input = await readInput(args.positionals[0]);
      const r = await importFramework(db, input.name, input.content);
      out(
        `Imported framework: ${r.competences} competences, ${r.indicators} indicators` +
          (r.retired || r.removed ? ` (${r.retired} retired, ${r.removed} removed)` : ''),
      );
    },
  },
  {
    name: 'import roster',
    usage: 'import roster FILE           import people and assignments (CSV)',
    database: true,
    async run({ db, args, out, config, readInput }) {
      const input = await readInput(args.positionals[0]);
      const defaults = { timeZone: config.LEERKANS_TIMEZONE, locale: config.LEERKANS_LOCALE };
      const r = await importRoster(db, input.name, input.content, defaults);
      out(
        `Imported roster: ${r.people} people (${r.created} new, ${r.updated} updated), ${r.assignments} new assignments`,
      );
    },
  },
  {
    name: 'import shifts',
    usage: 'import shifts FILE           import shifts (CSV, local times)',
    database: true,
    async run({ db, args, out, readInput }) {
      const input = await readInput(args.positionals[0]);
      const r = await importShifts(db, input.name, input.content);
      out(`Imported ${r.shifts} shifts`);
    },
  },
  {
    name: 'import holidays',
    usage:
      'import holidays FILE [--replace]\n' +
      '                               import the holiday calendar (CSV date[,end,name,cohort] or iCalendar)',
    database: true,
    options: { replace: { type: 'boolean' } },
    async run({ db, args, out, readInput }) {
      const input = await readInput(args.positionals[0]);
      await importHolidaysCommand(db, { ...input, replace: args.values.replace === true }, out);
    },
  },
  {
    name: 'schedule',
    usage:
      'schedule list|add|pause|resume|remove [NAME]\n' +
      '                               nudge schedules; add NAME --after-shift MINUTES | --cron "0 17 * * 1-5"\n' +
      '                               [--zone Z] [--cohort CODE] [--person EMAIL] [--quiet 21:00-07:30]\n' +
      '                               [--holidays default|silence|ignore] [--reminder MINUTES]\n' +
      '                               add NAME --digest --cron "0 8 * * 1" [--cohort CODE]: the coaches\' digest',
    database: true,
    options: {
      'after-shift': { type: 'string' },
      cron: { type: 'string' },
      zone: { type: 'string' },
      cohort: { type: 'string' },
      person: { type: 'string' },
      quiet: { type: 'string' },
      holidays: { type: 'string' },
      reminder: { type: 'string' },
      digest: { type: 'boolean' },
    },
    async run({ db, args, out, config }) {
      const text = (name: string) =>
        typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined;
      const [sub, name] = args.positionals;
      await scheduleCommand(
        db,
        {
          sub,
          name,
          afterShift: text('after-shift'),
          cron: text('cron'),
          zone: text('zone'),
          cohort: text('cohort'),
          person: text('person'),
          quiet: text('quiet'),
          holidays: text('holidays'),
          reminder: text('reminder'),
          digest: args.values.digest === true,
        },
        out,
        config,
      );
    },
  },
  {
    name: 'health',
    usage: 'health                       delivery health per cohort and person, and the next nudges',
    database: true,
    async run({ db, out, config }) {
      await healthCommand(db, {}, out, config);
    },
  },
  {
    name: 'export',
    usage: 'export --email EMAIL         print everything stored about a person as JSON',
    database: true,
    options: email,
    async run({ db, args, out }) {
      const address = args.values.email;
      if (typeof address !== 'string') throw new UsageError('export needs --email EMAIL');
      out(JSON.stringify(await exportPersonData(db, address, { label: 'cli' }), null, 2));
    },
  },
  {
    name: 'erase',
    usage: 'erase --email EMAIL --yes    erase a person and everything stored about them',
    database: true,
    options: { ...email, yes: { type: 'boolean' } },
    async run({ db, args, out }) {
      const address = args.values.email;
      if (typeof address !== 'string') throw new UsageError('erase needs --email EMAIL');
      if (!args.values.yes) throw new UsageError('erase removes a person for good: add --yes to confirm');
      const { counts } = await erasePersonData(db, address, { label: 'cli' });
      out(`Erased ${address} and everything stored about them`);
      out(
        `Also changed: ${counts.outboxAbout + counts.outboxUnsent + counts.outboxEmptied} messages to others, ` +
          `${counts.conversations} conversations and ${counts.textRows} texts of others that named them` +
          (counts.nameShared ? ' (their name is shared with someone else, so only their email was replaced)' : ''),
      );
    },
  },
  {
    name: 'audit',
    usage: 'audit --email EMAIL          the audit log entries about a person and by them',
    database: true,
    options: email,
    async run({ db, args, out }) {
      const address = args.values.email;
      if (typeof address !== 'string') throw new UsageError('audit needs --email EMAIL');
      await auditCommand(db, address, out);
    },
  },
  {
    name: 'digest',
    usage: 'digest --now [--coach EMAIL] send the weekly coach digest now (all coaches, or one)',
    database: true,
    options: { now: { type: 'boolean' }, coach: { type: 'string' } },
    async run({ db, args, out, config }) {
      if (!args.values.now)
        throw new UsageError('digest needs --now (the scheduled digest is sent by the running bot)');
      const coach = typeof args.values.coach === 'string' ? args.values.coach : undefined;
      await digestNowCommand(db, { coach }, out, config);
    },
  },
  {
    name: 'retention',
    usage: 'retention --dry-run|--now    what is past the retention policy (--dry-run), or delete it (--now)',
    database: true,
    options: { 'dry-run': { type: 'boolean' }, now: { type: 'boolean' } },
    async run({ db, args, out, config }) {
      await retentionCommand(
        db,
        { dryRun: args.values['dry-run'] === true, now: args.values.now === true },
        out,
        config,
      );
    },
  },
  {
    name: 'eval tagging',
    usage:
      'eval tagging FILE [--framework FILE | --code CODE] [--no-llm]\n' +
      '                               indicator suggestions against labelled reflections (JSONL): F1, top-3 recall',
    database: true,
    options: { framework: { type: 'string' }, code: { type: 'string' }, 'no-llm': { type: 'boolean' } },
    async run({ db, args, out, config, readInput }) {
      const file = args.positionals[0];
      if (!file) throw new UsageError('missing FILE');
      const text = (name: string) =>
        typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined;
      const framework = text('framework');
      const code = text('code');
      await evalTaggingCommand(
        {
          file,
          ...(framework ? { framework } : {}),
          ...(code ? { code } : {}),
          noLlm: args.values['no-llm'] === true,
        },
        out,
        config,
        {
          databaseIndicators: (c) => indicatorsFromDatabase(db, c),
          read: async (name) => (await readInput(name)).content,
        },
      );
    },
  },
  {
    name: 'teams-package',
    usage: 'teams-package [--out FILE]   build the Teams app package (zip)',
    database: false,
    options: { out: { type: 'string' } },
    async run({ args, out, config }) {
      const { buildTeamsPackage } = await import('../../manifest/teams/build.js');
      const file = await buildTeamsPackage({
        appId: config.MicrosoftAppId,
        publicUrl: config.PUBLIC_URL,
        outFile: typeof args.values.out === 'string' ? args.values.out : 'leerkans-teams.zip',
      });
      out(`Wrote ${file}`);
    },
  },
];
