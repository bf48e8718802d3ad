// A standard property as the emulator knows it: enough to validate values and to answer the
// properties API with HubSpot's shape (type, fieldType, options, read-only flags).

/** HubSpot's property value types the emulator implements. */
export type PropertyType = 'string' | 'number' | 'enumeration' | 'datetime' | 'bool';

/** One allowed value of an enumeration property. */
export interface PropertyOption {
  value: string;
  label: string;
}

/** A standard property of contacts, companies or deals. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  /** Set by HubSpot itself (ids, timestamps, computed values): a write is refused. */
  readOnly: boolean;
  /** Only numbers without a fraction are valid. */
  integer: boolean;
  /** Unique across active records of the type (contacts' email). */
  unique: boolean;
  /** Must be present when a record is created. */
  requiredOnCreate: boolean;
  /** textDisplayHint, where HubSpot sets one (email, phone_number, domain_name, …). */
  textDisplayHint?: string;
}

type Extra = Partial<Omit<PropertyDefinition, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'>>;

function define(name: string, label: string, type: PropertyType, fieldType: string, groupName: string, extra: Extra): PropertyDefinition {
  return {
    name,
    label,
    type,
    fieldType,
    groupName,
    description: extra.description ?? '',
    options: extra.options ?? [],
    readOnly: extra.readOnly ?? false,
    integer: extra.integer ?? false,
    unique: extra.unique ?? false,
    requiredOnCreate: extra.requiredOnCreate ?? false,
    ...(extra.textDisplayHint === undefined ? {} : { textDisplayHint: extra.textDisplayHint }),
  };
}

/** A single-line text property. */
export function text(group: string, name: string, label: string, extra: Extra = {}): PropertyDefinition {
  return define(name, label, 'string', 'text', group, extra);
}

/** A multi-line text property. */
export function textarea(group: string, name: string, label: string, extra: Extra = {}): PropertyDefinition {
  return define(name, label, 'string', 'textarea', group, extra);
}

/** A number property. */
export function number(group: string, name: string, label: string, extra: Extra = {}): PropertyDefinition {
  return define(name, label, 'number', 'number', group, extra);
}

/** A date-and-time property (stored and returned as ISO 8601, written as ISO or epoch ms). */
export function datetime(group: string, name: string, label: string, extra: Extra = {}): PropertyDefinition {
  return define(name, label, 'datetime', 'date', group, extra);
}

function enumeration(fieldType: string, group: string, name: string, label: string, values: string[], extra: Extra): PropertyDefinition {
  const options = values.map((pair) => {
    const [value = pair, optionLabel = value] = pair.split(':');
    return { value, label: optionLabel };
  });
  return define(name, label, 'enumeration', fieldType, group, { ...extra, options });
}

/** A drop-down enumeration; `values` are `value:Label` pairs. */
export function select(group: string, name: string, label: string, values: string[], extra: Extra = {}): PropertyDefinition {
  return enumeration('select', group, name, label, values, extra);
}

/** A radio-button enumeration; `values` are `value:Label` pairs. */
export function radio(group: string, name: string, label: string, values: string[], extra: Extra = {}): PropertyDefinition {
  return enumeration('radio', group, name, label, values, extra);
}

/** A yes/no property. */
export function bool(group: string, name: string, label: string, extra: Extra = {}): PropertyDefinition {
  return define(name, label, 'bool', 'booleancheckbox', group, {
    ...extra,
    options: [
      { value: 'true', label: 'Yes' },
      { value: 'false', label: 'No' },
    ],
  });
}

/** The read-only system properties every object type has. */
export function systemProperties(group: string, withContactDate: boolean): PropertyDefinition[] {
  const props = [
    number(group, 'hs_object_id', 'Record ID', {
      readOnly: true,
      integer: true,
      description: "The unique ID for this record. This value is set automatically by HubSpot.",
    }),
    datetime(group, 'createdate', 'Create Date', { readOnly: true, description: 'The date the record was created.' }),
    datetime(group, 'hs_lastmodifieddate', 'Object last modified date/time', {
      readOnly: true,
      description: 'Most recent timestamp of any property update for this object.',
    }),
  ];
  if (withContactDate) {
    props.push(
      datetime(group, 'lastmodifieddate', 'Last Modified Date', {
        readOnly: true,
        description: 'The date any property on this contact was modified.',
      }),
    );
  }
  return props;
}
