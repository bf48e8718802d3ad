// Deterministic demo records: the same seed gives the same rows, byte for byte (a seeded
// Faker and a fixed base date; no clock, no Math.random). Records are built in pairs so that
// every rule of the initial sync has something to act on; the comments name the scenario.
import { Faker, base, en } from '@faker-js/faker';
import { type DealsAndLinks, type Partners, generateDealsAndLinks } from './generate-deals.js';

/** A CRM contact row. */
export interface ContactRow {
  id: number;
  email: string | null;
  firstname: string;
  lastname: string;
  phone: string | null;
  lifecyclestage: 'subscriber' | 'lead' | 'customer';
  jobtitle: string;
  updated_at: string;
}

/** A CRM company row. */
export interface CompanyRow {
  id: number;
  name: string;
  domain: string | null;
  industry: string;
  city: string;
  updated_at: string;
}

/** A shop customer row. */
export interface CustomerRow {
  id: string;
  email_address: string | null;
  first_name: string;
  last_name: string;
  phone: string | null;
  loyalty_tier: 'bronze' | 'silver' | 'gold' | null;
  updated_at: string;
}

/** A shop account row. */
export interface AccountRow {
  id: string;
  company_name: string | null;
  website: string;
  sector: string;
  updated_at: string;
}

/** Every demo row, in insertion order: records, then (generate-deals.ts) deals, orders and link rows. */
export interface DemoData extends DealsAndLinks {
  contacts: ContactRow[];
  companies: CompanyRow[];
  customers: CustomerRow[];
  accounts: AccountRow[];
}

/** All demo times lie in the 90 days before this instant. */
export const DEMO_BASE_DATE = new Date(Date.UTC(2024, 0, 15, 9, 0, 0));

type Person = { first: string; last: string; email: string; phone: string; job: string };

/** Generates the demo rows for `contacts` hub contacts (~as many customers; ~a fifth as many companies). */
export function generateDemoData(seed: number, contacts: number): DemoData {
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  f.setDefaultRefDate(DEMO_BASE_DATE);
  const stamp = (): string => new Date(DEMO_BASE_DATE.getTime() - f.number.int({ min: 0, max: 90 * 24 * 3600 * 1000 })).toISOString();
  const emails = new Set<string>();
  const person = (n: number): Person => {
    const first = f.person.firstName();
    const last = f.person.lastName();
    let email = f.internet.email({ firstName: first, lastName: last }).toLowerCase();
    if (emails.has(email)) email = email.replace('@', `.${n}@`);
    emails.add(email);
    return { first, last, email, phone: f.phone.number({ style: 'international' }), job: f.person.jobTitle() };
  };
  const stage = () => f.helpers.weightedArrayElement([
    { weight: 3, value: 'subscriber' as const },
    { weight: 3, value: 'lead' as const },
    { weight: 4, value: 'customer' as const },
  ]);
  const tier = () => f.helpers.arrayElement(['bronze', 'silver', 'gold', null] as const);
  const mixCase = (email: string) => email.replace(/^./, (c) => c.toUpperCase()).replace(/@(.)/, (_, c: string) => `@${c.toUpperCase()}`);

  const out: Omit<DemoData, keyof DealsAndLinks> = { contacts: [], companies: [], customers: [], accounts: [] };
  // Who is who across the two apps, for the associations generated at the end.
  const pop: Partners = { contactPartner: new Map(), companyPartner: new Map(), unsyncedContacts: [], unsyncedAccounts: [], shopOnlyCustomers: [], shopOnlyAccounts: [] };
  const customer = (p: Person, overrides: Partial<CustomerRow> = {}): string => {
    const id = f.string.uuid();
    out.customers.push({ id, email_address: p.email, first_name: p.first, last_name: p.last, phone: p.phone, loyalty_tier: tier(), updated_at: stamp(), ...overrides });
    return id;
  };

  let previousEmail: string | undefined;
  for (let i = 0; i < contacts; i += 1) {
    const p = person(i);
    const row: ContactRow = { id: i + 1, email: p.email, firstname: p.first, lastname: p.last, phone: p.phone, lifecyclestage: stage(), jobtitle: p.job, updated_at: stamp() };
    out.contacts.push(row);
    if (i % 25 === 7) {
      row.email = null; // a contact without email: excluded while onlyWithEmail is on
      pop.unsyncedContacts.push(row.id);
    } else if (i % 50 === 9 && previousEmail) {
      row.email = previousEmail.toUpperCase(); // a duplicate within the hub: the later one is excluded
    } else if (i % 20 < 3) {
      // only in the hub: created in the shop (when its stage passes the filter)
    } else {
      // in both apps, matched by email; some pairs differ so that merging has work to do
      const shop: Partial<CustomerRow> = {};
      if (i % 4 === 1) shop.email_address = `  ${mixCase(p.email)} `; // same email, other case and spaces
      if (i % 5 === 2) shop.phone = f.phone.number({ style: 'international' }); // conflict: the winner's phone stays
      if (i % 7 === 3) shop.last_name = f.person.lastName(); // conflict: a changed last name
      if (i % 11 === 4) row.phone = null; // empty in the hub: filled from the shop
      if (i % 13 === 5) shop.phone = null; // empty in the shop: filled from the hub
      pop.contactPartner.set(row.id, customer(p, shop));
      if (i % 40 === 10) customer(p, { email_address: p.email.toUpperCase(), phone: f.phone.number({ style: 'international' }) }); // duplicate in the shop
    }
    if (row.email) previousEmail = row.email;
  }
  const shopOnly = Math.round(contacts * 0.15);
  for (let j = 0; j < shopOnly; j += 1) {
    const p = person(contacts + j);
    // only in the shop: created in the hub; some have no usable email and are excluded
    const id = customer(p, j % 8 === 3 ? { email_address: null } : j % 8 === 5 ? { email_address: '   ' } : {});
    if (j % 8 !== 3 && j % 8 !== 5) pop.shopOnlyCustomers.push(id);
  }

  const names = new Set<string>();
  const company = (): { name: string; domain: string } => {
    let name = f.company.name();
    while (names.has(name)) name = `${name} ${f.company.buzzNoun()}`;
    names.add(name);
    return { name, domain: `${f.helpers.slugify(name.toLowerCase()).replace(/-+/g, '-').replace(/[^a-z0-9-]/g, '')}.${f.internet.domainSuffix()}` };
  };
  const departments = () => f.commerce.department();
  // Two in ten companies exist only in the shop, so a quarter as many as contacts gives ~60 in the hub.
  const companyCount = Math.max(1, Math.round(contacts / 4));
  for (let k = 0; k < companyCount; k += 1) {
    const c = company();
    const industry = departments();
    const hub: CompanyRow = { id: out.companies.length + 1, name: c.name, domain: c.domain, industry, city: f.location.city(), updated_at: stamp() };
    const sector = k % 6 === 5 ? departments() : industry; // sometimes a conflicting sector
    const account = (a: Partial<AccountRow>): string => {
      const id = f.string.uuid();
      out.accounts.push({ id, company_name: c.name, website: `https://www.${c.domain}/about`, sector, updated_at: stamp(), ...a });
      return id;
    };
    const pair = (accountId: string): void => {
      pop.companyPartner.set(hub.id, accountId);
    };
    const mode = k % 10;
    if (mode === 0) {
      out.companies.push(hub); // only in the hub
    } else if (mode === 1) {
      pop.shopOnlyAccounts.push(account({})); // only in the shop
    } else if (mode === 2) {
      out.companies.push(hub); // matched by name only: the shop has another web address
      pair(account({ website: `https://${company().domain}` }));
    } else if (mode === 3) {
      out.companies.push(hub); // matched by domain only: https://www.acme.com/about vs acme.com
      pair(account({ company_name: `${c.name.split(/[ ,-]/)[0] ?? c.name} Group` }));
    } else if (mode === 4) {
      pop.unsyncedAccounts.push(account({ company_name: null, website: `https://${company().domain}` })); // required name missing: fails
    } else if (mode === 5) {
      out.companies.push({ ...hub, domain: null }); // the hub knows no domain: matched by name
      pair(account({ website: `http://${c.domain}` }));
    } else {
      out.companies.push(hub);
      const websites = [`https://www.${c.domain}/about`, `http://${c.domain}`, c.domain, `www.${c.domain}`];
      pair(account({ website: websites[k % websites.length] ?? c.domain }));
      if (k % 25 === 7) pop.unsyncedAccounts.push(account({ company_name: c.name.toUpperCase() })); // a duplicate account
    }
  }
  out.companies.forEach((row, i) => {
    row.id = i + 1;
  });
  // Drawn last, so the rows above stay what they were before deals and associations existed.
  return { ...out, ...generateDealsAndLinks(f, out, pop, stamp, Math.max(1, Math.round(contacts / 5))) };
}
