// The scenarios, in the order a full run takes them. Each is one file in this folder whose
// default export has this shape:
//   name, title, summary          what it is, for tables and the README
//   needs?: string[]              scenarios whose results it reads (they run first, even with --only)
//   cases({ quick, seed })        the cases to run, [{ id, params, timeoutSeconds? }],
//                                 or { notMeasured: 'why' } while what it measures does not exist
//   prepare?(params)              runs in run.mjs before the case's process (e.g. generating data,
//                                 so that the generator's memory does not count as the case's)
//   run(params, context)          runs in the case's own process; returns its figures. params also
//                                 carry `deadline` (epoch ms): when the whole run must be done.
//                                 context: report(partial) sends figures so far; sampleMemory()
//   table(cases, results)         { headers, rows } for the terminal
//   derive?(cases, results)       figures computed from other scenarios' results (e.g. × floor)

// Imported on demand: a case's process loads only its own scenario.
// The initial sync comes after the scenarios with fixed budgets (export and incremental budget
// their state builds and leave it time): it takes whatever time the run has left. Export builds
// the indexed states first, so that they are older than the poll overlap (2 minutes) by the
// time the incremental scenario polls them, or nearly.
const MODULES = {
  floor: () => import('./floor.mjs'),
  config: () => import('./config.mjs'),
  export: () => import('./export.mjs'),
  incremental: () => import('./incremental.mjs'),
  'initial-sync': () => import('./initial-sync.mjs'),
  hubspot: () => import('./hubspot.mjs'),
};

/** Scenario names in run order. */
export const SCENARIOS = Object.keys(MODULES);

/** Imports one scenario module by name. */
export async function loadScenario(name) {
  if (!Object.hasOwn(MODULES, name)) throw new Error(`there is no scenario named "${name}"; scenarios: ${SCENARIOS.join(', ')}.`);
  return (await MODULES[name]()).default;
}

/** The names to run for --only: the chosen ones plus what they need, in run order. */
export async function withNeeds(names) {
  const wanted = new Set(names);
  for (const name of names) for (const need of (await loadScenario(name)).needs ?? []) wanted.add(need);
  return SCENARIOS.filter((n) => wanted.has(n));
}
