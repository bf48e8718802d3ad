// Deterministic demo deals (hub) and orders (shop), and the associations of both apps: who
// works where, which companies and people a deal involves. Built from the records already
// generated and who is who across the apps, so every association rule has something to act
// on; the comments name the scenario.
import type { Faker } from '@faker-js/faker';
import { DEAL_STAGES } from './schema.js';

/** A CRM deal row (HubSpot's property names). */
export interface DealRow {
  id: number;
  dealname: string;
  amount: number;
  dealstage: (typeof DEAL_STAGES)[number];
  closedate: string;
  updated_at: string;
}

/** A shop order row. */
export interface OrderRow {
  id: string;
  title: string;
  total: number | null;
  stage: string | null;
  close_date: string | null;
  updated_at: string;
}

/** Deals, orders and the rows of every link table, by table name. */
export interface DealsAndLinks {
  deals: DealRow[];
  orders: OrderRow[];
  contacts_companies: { contact_id: number; company_id: number; is_primary: number }[];
  deals_companies: { deal_id: number; company_id: number; is_primary: number }[];
  deals_contacts: { deal_id: number; contact_id: number }[];
  customers_accounts: { customer_id: string; account_id: string; is_primary: number }[];
  order_accounts: { order_ref: string; account_ref: string; is_billing: number }[];
  orders_customers: { order_id: string; customer_id: string }[];
}

/** The records generated so far. */
export interface Records {
  contacts: readonly { id: number }[];
  companies: readonly { id: number }[];
  customers: readonly { id: string }[];
  accounts: readonly { id: string }[];
}

/** Who is who across the two apps. */
export interface Partners {
  /** Hub contact id → the shop customer that is the same person (matched by email). */
  contactPartner: Map<number, string>;
  /** Hub company id → the shop account that is the same company. */
  companyPartner: Map<number, string>;
  /** Hub contacts that never sync (no email). */
  unsyncedContacts: number[];
  /** Shop accounts that never sync (required name missing, or a duplicate). */
  unsyncedAccounts: string[];
  shopOnlyCustomers: string[];
  shopOnlyAccounts: string[];
}

const DAY_MS = 86_400_000;

/** Generates `count` hub deals (and about as many orders) and every association of both apps. */
export function generateDealsAndLinks(f: Faker, records: Records, pop: Partners, stamp: () => string, count: number): DealsAndLinks {
  const out: DealsAndLinks = { deals: [], orders: [], contacts_companies: [], deals_companies: [], deals_contacts: [], customers_accounts: [], order_accounts: [], orders_customers: [] };
  const contacts = records.contacts.map((c) => c.id);
  const companies = records.companies.map((c) => c.id);
  const accounts = records.accounts.map((a) => a.id);
  const customers = records.customers.map((c) => c.id);
  const pairedAccounts = [...pop.companyPartner.values()];
  const pairedCustomers = [...pop.contactPartner.values()];
  if (companies.length === 0 || contacts.length === 0) return out;
  const others = <T>(all: readonly T[], not: readonly T[], n: number): T[] => f.helpers.arrayElements(all.filter((x) => !not.includes(x)), n);

  // Who works where. Contacts→companies syncs only the primary company.
  const worksAt = new Map<number, { primary: number; extra: number[] }>();
  contacts.forEach((contact, i) => {
    if (i % 9 === 4) return; // works nowhere
    const primary = f.helpers.arrayElement(companies);
    const extra = i % 4 === 0 ? others(companies, [primary], f.number.int({ min: 1, max: 2 })) : []; // several companies, one primary
    worksAt.set(contact, { primary, extra });
    out.contacts_companies.push({ contact_id: contact, company_id: primary, is_primary: 1 });
    for (const company of extra) out.contacts_companies.push({ contact_id: contact, company_id: company, is_primary: 0 });
  });
  for (const [contact, customer] of pop.contactPartner) {
    const hub = worksAt.get(contact);
    const i = contact - 1;
    if (i % 13 === 5) continue; // the shop knows no account for this customer: the hub's primary fills it in
    let primary = hub ? pop.companyPartner.get(hub.primary) : undefined; // undefined: a company only the hub has yet
    if (i % 9 === 2 && pairedAccounts.length > 1) primary = f.helpers.arrayElement(pairedAccounts.filter((a) => a !== primary)); // both name a primary: the hub wins
    if (primary === undefined && hub === undefined && i % 2 === 0) primary = f.helpers.arrayElement(pairedAccounts); // only the shop names one: it reaches the hub
    if (primary !== undefined) out.customers_accounts.push({ customer_id: customer, account_id: primary, is_primary: 1 });
    for (const company of hub?.extra ?? []) {
      const account = pop.companyPartner.get(company);
      if (account !== undefined && account !== primary) out.customers_accounts.push({ customer_id: customer, account_id: account, is_primary: 0 });
    }
  }
  pop.shopOnlyCustomers.forEach((customer, j) => {
    // Created in the hub with their primary account; some point at an account that never syncs (waits in queue).
    const pool = j % 5 === 1 && pop.unsyncedAccounts.length > 0 ? pop.unsyncedAccounts : j % 5 === 2 && pop.shopOnlyAccounts.length > 0 ? pop.shopOnlyAccounts : pairedAccounts;
    if (pool.length > 0) out.customers_accounts.push({ customer_id: customer, account_id: f.helpers.arrayElement(pool), is_primary: 1 });
  });

  // Deals: most in both apps under the same name, some in one app only.
  const names = new Set<string>();
  const dealName = (): string => {
    let name = `${f.commerce.productAdjective()} ${f.commerce.product()} for ${f.company.buzzNoun()}`;
    while (names.has(name)) name = `${name} ${f.number.int({ min: 2, max: 99 })}`;
    names.add(name);
    return name;
  };
  const closeDate = (): string => new Date(Date.UTC(2024, 0, 15) + f.number.int({ min: -60, max: 90 }) * DAY_MS).toISOString().slice(0, 10);
  const order = (o: Omit<OrderRow, 'id' | 'updated_at'>): string => {
    const id = f.string.uuid();
    out.orders.push({ id, ...o, updated_at: stamp() });
    return id;
  };
  for (let k = 0; k < count; k += 1) {
    const mode = k % 10;
    if (mode === 1) {
      // Only in the shop: created in the hub with its billing account and customers.
      const id = order({ title: dealName(), total: f.number.int({ min: 20, max: 400 }) * 25, stage: f.helpers.arrayElement(DEAL_STAGES), close_date: closeDate() });
      const billingPool = k % 3 === 0 && pop.unsyncedAccounts.length > 0 ? pop.unsyncedAccounts : accounts; // billed to an account that never syncs: in queue
      out.order_accounts.push({ order_ref: id, account_ref: f.helpers.arrayElement(billingPool), is_billing: 1 });
      for (const customer of f.helpers.arrayElements(customers, { min: 1, max: 2 })) out.orders_customers.push({ order_id: id, customer_id: customer });
      continue;
    }
    const deal: DealRow = { id: out.deals.length + 1, dealname: dealName(), amount: f.number.int({ min: 20, max: 400 }) * 25, dealstage: f.helpers.arrayElement(DEAL_STAGES), closedate: closeDate(), updated_at: stamp() };
    out.deals.push(deal);
    const company = f.helpers.arrayElement(companies);
    const secondCompany = k % 5 === 2 ? others(companies, [company], 1) : []; // a second, non-primary company
    out.deals_companies.push({ deal_id: deal.id, company_id: company, is_primary: 1 });
    for (const c of secondCompany) out.deals_companies.push({ deal_id: deal.id, company_id: c, is_primary: 0 });
    const people = f.helpers.arrayElements(contacts, { min: 1, max: 3 });
    if (k % 6 === 1 && pop.unsyncedContacts.length > 0) people.push(...others(pop.unsyncedContacts, people, 1)); // a contact that never syncs: this edge waits in queue
    for (const contact of people) out.deals_contacts.push({ deal_id: deal.id, contact_id: contact });
    if (mode === 0) continue; // only in the hub: created in the shop

    // In both apps, matched by name; some details differ so that merging has work to do.
    const id = order({
      title: deal.dealname,
      total: k % 6 === 4 ? deal.amount + 500 : deal.amount, // conflict: the hub's amount wins
      stage: k % 7 === 2 ? null : deal.dealstage, // empty in the shop: filled from the hub
      close_date: deal.closedate,
    });
    let billing = pop.companyPartner.get(company); // undefined: a company only the hub has yet
    if (k % 8 === 5 && pairedAccounts.length > 1) billing = f.helpers.arrayElement(pairedAccounts.filter((a) => a !== billing)); // both name a primary: the hub wins
    if (billing !== undefined) out.order_accounts.push({ order_ref: id, account_ref: billing, is_billing: 1 });
    for (const c of secondCompany) {
      const account = pop.companyPartner.get(c);
      if (account !== undefined && account !== billing) out.order_accounts.push({ order_ref: id, account_ref: account, is_billing: 0 }); // not billed: only the billing account syncs
    }
    const shopPeople = people.flatMap((contact) => pop.contactPartner.get(contact) ?? []);
    if (k % 4 === 3) shopPeople.pop(); // the shop misses one of the deal's people: added to it
    if (k % 5 === 0 && pairedCustomers.length > 0) shopPeople.push(...others(pairedCustomers, shopPeople, 1)); // the shop knows one more: added to the hub
    for (const customer of new Set(shopPeople)) out.orders_customers.push({ order_id: id, customer_id: customer });
  }
  return out;
}
