import { type PropertyDefinition, datetime, number, select, systemProperties, text, textarea } from './definition.js';

const G = 'dealinformation';

/** The standard deal properties the emulator implements (one pipeline, "default"). */
export const DEAL_PROPERTIES: PropertyDefinition[] = [
  text(G, 'dealname', 'Deal Name', { description: 'The name given to this deal.' }),
  number(G, 'amount', 'Amount', { description: 'The total amount of the deal' }),
  select(G, 'dealstage', 'Deal Stage', [
    'appointmentscheduled:Appointment Scheduled',
    'qualifiedtobuy:Qualified To Buy',
    'presentationscheduled:Presentation Scheduled',
    'decisionmakerboughtin:Decision Maker Bought-In',
    'contractsent:Contract Sent',
    'closedwon:Closed Won',
    'closedlost:Closed Lost',
  ], { requiredOnCreate: true, description: 'The stage of the deal.' }),
  select(G, 'pipeline', 'Pipeline', ['default:Sales Pipeline']),
  datetime(G, 'closedate', 'Close Date', { description: 'Date the deal was closed.' }),
  select(G, 'dealtype', 'Deal Type', ['newbusiness:New Business', 'existingbusiness:Existing Business']),
  select(G, 'hs_priority', 'Priority', ['low:Low', 'medium:Medium', 'high:High']),
  textarea(G, 'description', 'Deal Description'),
  ...systemProperties(G, false),
];
