import { LIFECYCLE_STAGES } from './contacts.js';
import { type PropertyDefinition, number, radio, select, systemProperties, text, textarea } from './definition.js';

const G = 'companyinformation';

/** The standard company properties the emulator implements. */
export const COMPANY_PROPERTIES: PropertyDefinition[] = [
  text(G, 'name', 'Company name', { description: 'The name of the company or organization.' }),
  text(G, 'domain', 'Company Domain Name', { textDisplayHint: 'domain_name', description: 'The domain name of the company.' }),
  text(G, 'website', 'Website URL'),
  text(G, 'phone', 'Phone Number', { textDisplayHint: 'phone_number' }),
  text(G, 'address', 'Street Address'),
  text(G, 'city', 'City'),
  text(G, 'state', 'State/Region'),
  text(G, 'zip', 'Postal Code', { textDisplayHint: 'postal_code' }),
  text(G, 'country', 'Country/Region'),
  select(G, 'industry', 'Industry', [
    'ACCOUNTING:Accounting',
    'BANKING:Banking',
    'COMPUTER_SOFTWARE:Computer Software',
    'CONSTRUCTION:Construction',
    'EDUCATION_MANAGEMENT:Education Management',
    'FINANCIAL_SERVICES:Financial Services',
    'HOSPITAL_HEALTH_CARE:Hospital & Health Care',
    'INFORMATION_TECHNOLOGY_AND_SERVICES:Information Technology and Services',
    'INSURANCE:Insurance',
    'INTERNET:Internet',
    'LOGISTICS_AND_SUPPLY_CHAIN:Logistics and Supply Chain',
    'MARKETING_AND_ADVERTISING:Marketing and Advertising',
    'REAL_ESTATE:Real Estate',
    'RETAIL:Retail',
    'TELECOMMUNICATIONS:Telecommunications',
  ]),
  select(G, 'type', 'Type', ['PROSPECT:Prospect', 'PARTNER:Partner', 'RESELLER:Reseller', 'VENDOR:Vendor', 'OTHER:Other']),
  number(G, 'numberofemployees', 'Number of Employees', { integer: true }),
  number(G, 'annualrevenue', 'Annual Revenue'),
  textarea(G, 'description', 'Description'),
  radio(G, 'lifecyclestage', 'Lifecycle Stage', LIFECYCLE_STAGES),
  ...systemProperties(G, false),
];
