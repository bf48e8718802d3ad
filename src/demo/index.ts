// The demo: two seeded SQLite apps for `npm start` and for tests that need realistic data.
export { seedDemo, DEMO_DEFAULT_CONTACTS, DEMO_DEFAULT_SEED, type SeedDemoOptions, type SeedDemoResult } from './seed.js';
export { generateDemoData, DEMO_BASE_DATE, type DemoData, type ContactRow, type CompanyRow, type CustomerRow, type AccountRow } from './generate.js';
export type { DealRow, OrderRow, DealsAndLinks } from './generate-deals.js';
