// Deterministic demo data (`--seed demo`): companies, contacts with a primary company, and
// deals with a primary company and a contact. A seeded Faker and a fixed base date make the
// same ids and values on every run; no webhooks are sent for seeded records.
import { Faker, base, en } from '@faker-js/faker';
import { associationType } from './crm/association-types.js';
import type { CrmService } from './crm/crm-service.js';

/** How much demo data to make. */
export interface SeedOptions {
  seed?: number;
  companies?: number;
  contacts?: number;
  deals?: number;
}

/** The ids of the seeded records. */
export interface SeedResult {
  companies: string[];
  contacts: string[];
  deals: string[];
}

/** Seeded records are created in the 90 days before this instant. */
export const SEED_BASE_DATE = Date.UTC(2024, 0, 15, 9, 0, 0);

const INDUSTRIES = ['COMPUTER_SOFTWARE', 'FINANCIAL_SERVICES', 'RETAIL', 'INTERNET', 'HOSPITAL_HEALTH_CARE', 'LOGISTICS_AND_SUPPLY_CHAIN'];
const STAGES = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer'];
const DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'contractsent', 'closedwon', 'closedlost'];

/** Fills an empty emulator with demo data through the same rules the API applies. */
export function seedDemoData(crm: CrmService, options: SeedOptions = {}): SeedResult {
  const f = new Faker({ locale: [en, base] });
  f.seed(options.seed ?? 4010);
  const counts = { companies: options.companies ?? 40, contacts: options.contacts ?? 200, deals: options.deals ?? 60 };
  let minute = 0;
  // Each record a minute after the previous one, starting 90 days before the base date.
  const at = (): number => SEED_BASE_DATE - 90 * 86_400_000 + 60_000 * minute++;
  const primaryCompany = associationType(1);
  const dealCompany = associationType(5);
  const dealContact = associationType(3);
  if (!primaryCompany || !dealCompany || !dealContact) throw new Error('association types missing');

  const result: SeedResult = { companies: [], contacts: [], deals: [] };
  const domains = new Set<string>();
  return crm.store.transaction(() => {
    for (let i = 0; i < counts.companies; i += 1) {
      const name = f.company.name();
      let domain = `${f.helpers.slugify(name.toLowerCase()).replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-')}.${f.internet.domainSuffix()}`;
      if (domains.has(domain)) domain = `${i}-${domain}`;
      domains.add(domain);
      const properties = { name, domain, city: f.location.city(), country: f.location.country(), industry: f.helpers.arrayElement(INDUSTRIES), numberofemployees: String(f.number.int({ min: 5, max: 5000 })) };
      const [company] = crm.createMany('companies', [{ properties }], { at: at(), silent: true });
      if (company) result.companies.push(company.id);
    }
    const emails = new Set<string>();
    for (let i = 0; i < counts.contacts; i += 1) {
      const firstname = f.person.firstName();
      const lastname = f.person.lastName();
      let email = f.internet.email({ firstName: firstname, lastName: lastname }).toLowerCase();
      if (emails.has(email)) email = email.replace('@', `.${i}@`);
      emails.add(email);
      const properties = { email, firstname, lastname, phone: f.phone.number({ style: 'international' }), jobtitle: f.person.jobTitle(), lifecyclestage: f.helpers.arrayElement(STAGES) };
      // Most contacts work somewhere: one in eight has no company.
      const companyId = i % 8 === 5 || result.companies.length === 0 ? undefined : f.helpers.arrayElement(result.companies);
      const [contact] = crm.createMany('contacts', [{ properties }], { at: at(), silent: true });
      if (!contact) continue;
      result.contacts.push(contact.id);
      if (companyId) crm.associations.associate(primaryCompany, contact.id, companyId);
    }
    for (let i = 0; i < counts.deals && result.companies.length > 0; i += 1) {
      const companyId = f.helpers.arrayElement(result.companies);
      const properties = {
        dealname: `${f.commerce.productAdjective()} ${f.commerce.product()} deal`,
        amount: String(f.number.int({ min: 500, max: 250_000 })),
        dealstage: f.helpers.arrayElement(DEAL_STAGES),
        closedate: String(SEED_BASE_DATE + f.number.int({ min: 1, max: 120 }) * 86_400_000),
      };
      const [deal] = crm.createMany('deals', [{ properties }], { at: at(), silent: true });
      if (!deal) continue;
      result.deals.push(deal.id);
      crm.associations.associate(dealCompany, deal.id, companyId);
      const contactId = result.contacts.length > 0 ? f.helpers.arrayElement(result.contacts) : undefined;
      if (contactId) crm.associations.associate(dealContact, deal.id, contactId);
    }
    return result;
  });
}
