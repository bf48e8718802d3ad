// Validation of a record's written properties against the catalog, collecting every problem
// so that one response names them all (as HubSpot's "Property values were not valid" does).
import { type PropertyProblem, validationError } from '../errors.js';
import type { ObjectTypeName } from '../object-types.js';
import { allProperties, propertyDefinition } from '../properties/catalog.js';
import { checkValue } from '../properties/values.js';

/** Checked values ('' means "clear") and the problems found. */
export interface CheckedProperties {
  values: Record<string, string>;
  problems: PropertyProblem[];
}

/** Checks a `properties` object of a create (`creating`) or an update. */
export function checkProperties(type: ObjectTypeName, raw: unknown, creating: boolean, where = 'properties'): CheckedProperties {
  if (raw === undefined && !creating) throw validationError(`Invalid input JSON: "${where}" is required.`);
  const props = raw === undefined ? {} : raw;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw validationError(`Invalid input JSON: "${where}" must be an object of property names to values.`);
  }
  const values: Record<string, string> = {};
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(props)) {
    const def = propertyDefinition(type, name);
    if (!def) {
      problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.readOnly) {
      problems.push({ name, error: 'READ_ONLY_VALUE', message: `Property "${name}" is read-only: HubSpot sets its value.` });
      continue;
    }
    const checked = checkValue(def, value);
    if (checked.ok) values[name] = checked.value;
    else problems.push(checked.problem);
  }
  if (creating) {
    for (const def of allProperties(type)) {
      if (def.requiredOnCreate && !values[def.name]) {
        problems.push({
          name: def.name,
          error: 'REQUIRED_PROPERTY_MISSING',
          message: `Property "${def.name}" is required to create a record of ${type}.`,
        });
      }
    }
  }
  return { values, problems };
}
