// `npm run bench`: every benchmark in turn, or the ones named as arguments (e.g. `npm run bench -- import`).
const benches: Record<string, () => Promise<{ run(): Promise<unknown> }>> = {
  concurrency: () => import('./concurrency.js'),
  digest: () => import('./digest.js'),
  import: () => import('./import.js'),
  pseudonymise: () => import('./pseudonymise.js'),
  nudges: () => import('./nudges.js'),
  privacy: () => import('./privacy.js'),
  reflection: () => import('./reflection.js'),
  slack: () => import('./slack.js'),
  startup: () => import('./startup.js'),
  tagging: () => import('./tagging.js'),
  teams: () => import('./teams.js'),
};

const wanted = process.argv.slice(3);
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  await (await load()).run();
}
