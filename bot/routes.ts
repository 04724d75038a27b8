// The registry: every flow's and command's routes in one table, which the composition root (app/main.ts) hands to
// the core (`createBot({ ..., routes })`). A new card verb or conversation is declared in its flow's routes.ts and
// listed here; the core itself imports no flow (test/architecture/boundaries.test.ts).
import type { Bot, BotDependencies } from './core/bot.js';
import { createBot } from './core/create-bot.js';
import { combineRoutes, type Routes } from './core/routes.js';
import { chatWord, commandRoutes } from './commands/index.js';
import { hint } from './commands/help.js';
import { homeCard } from './commands/home.js';
import { digestRoutes } from './digest/routes.js';
import { feedbackRoutes } from './flows/feedback/routes.js';
import { progressRoutes } from './flows/progress/routes.js';
import { editRoutes } from './flows/reflection-edit/routes.js';
import { reflectionRoutes } from './flows/reflection/routes.js';
import { safetyRoutes } from './flows/safety/routes.js';

/** In this order the guards (the wellbeing check) and the openers (a nudge answer before a story) run. */
export const routes: Routes = combineRoutes(
  [safetyRoutes, commandRoutes, reflectionRoutes, editRoutes, feedbackRoutes, progressRoutes, digestRoutes],
  { chatWord, hint, home: homeCard },
);

/** The core with Leerkans's own routes (tests and benchmarks; app/main.ts passes `routes` itself). */
export const createLeerkansBot = (deps: Omit<BotDependencies, 'routes'>): Bot => createBot({ ...deps, routes });
