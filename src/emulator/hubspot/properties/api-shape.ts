// A property definition in the properties API's response shape (HubSpot's `Property`).
import type { PropertyDefinition } from './definition.js';

/** The fixed creation time reported for the built-in properties. */
const DEFINED_AT = '2019-08-06T02:41:52.179Z';

/** HubSpot's `Property` JSON for a standard property. */
export function propertyToApi(def: PropertyDefinition, displayOrder: number): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: def.description,
    groupName: def.groupName,
    options: def.options.map((o, i) => ({ label: o.label, value: o.value, displayOrder: i, hidden: false })),
    displayOrder,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: def.unique,
    hidden: false,
    hubspotDefined: true,
    formField: !def.readOnly,
    dataSensitivity: 'non_sensitive',
    createdAt: DEFINED_AT,
    updatedAt: DEFINED_AT,
    archived: false,
    modificationMetadata: {
      archivable: false,
      readOnlyDefinition: true,
      readOnlyOptions: def.type !== 'enumeration',
      readOnlyValue: def.readOnly,
    },
    ...(def.textDisplayHint === undefined ? {} : { textDisplayHint: def.textDisplayHint }),
    ...(def.type === 'number' ? { numberDisplayHint: def.name === 'amount' || def.name === 'annualrevenue' ? 'currency' : 'unformatted' } : {}),
    ...(def.name === 'amount' ? { showCurrencySymbol: true } : {}),
  };
}
