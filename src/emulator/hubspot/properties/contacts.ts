import { type PropertyDefinition, radio, select, systemProperties, text } from './definition.js';

const G = 'contactinformation';

export const LIFECYCLE_STAGES = [
  'subscriber:Subscriber',
  'lead:Lead',
  'marketingqualifiedlead:Marketing Qualified Lead',
  'salesqualifiedlead:Sales Qualified Lead',
  'opportunity:Opportunity',
  'customer:Customer',
  'evangelist:Evangelist',
  'other:Other',
];

/** The standard contact properties the emulator implements. */
export const CONTACT_PROPERTIES: PropertyDefinition[] = [
  text(G, 'email', 'Email', { unique: true, textDisplayHint: 'email', description: "A contact's email address" }),
  text(G, 'firstname', 'First Name', { description: "A contact's first name" }),
  text(G, 'lastname', 'Last Name', { description: "A contact's last name" }),
  text(G, 'phone', 'Phone Number', { textDisplayHint: 'phone_number', description: "A contact's primary phone number" }),
  text(G, 'mobilephone', 'Mobile Phone Number', { textDisplayHint: 'phone_number' }),
  text(G, 'company', 'Company Name', { description: 'Name of the contact\'s company (independent of the associated company record)' }),
  text(G, 'jobtitle', 'Job Title'),
  text(G, 'website', 'Website URL'),
  text(G, 'address', 'Street Address'),
  text(G, 'city', 'City'),
  text(G, 'state', 'State/Region'),
  text(G, 'zip', 'Postal Code', { textDisplayHint: 'postal_code' }),
  text(G, 'country', 'Country/Region'),
  radio(G, 'lifecyclestage', 'Lifecycle Stage', LIFECYCLE_STAGES, {
    description: 'The qualification of contacts to sales readiness.',
  }),
  select(G, 'hs_lead_status', 'Lead Status', [
    'NEW:New',
    'OPEN:Open',
    'IN_PROGRESS:In Progress',
    'OPEN_DEAL:Open Deal',
    'UNQUALIFIED:Unqualified',
    'ATTEMPTED_TO_CONTACT:Attempted to Contact',
    'CONNECTED:Connected',
    'BAD_TIMING:Bad Timing',
  ]),
  text(G, 'hs_email_domain', 'Email Domain', { readOnly: true, description: "A contact's email address domain" }),
  ...systemProperties(G, true),
];
