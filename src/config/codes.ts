/**
 * Every problem code the config pipeline reports, with what it means. Codes are stable:
 * scripts and the runner match on them. A test checks that every reported code is listed here.
 */
export const PROBLEM_CODES = {
  // Reading files
  no_definitions: 'The definitions directory holds no *.yaml or *.yml file.',
  definitions_dir_unreadable: 'The definitions directory, or a directory inside it, does not exist or cannot be read.',
  file_unreadable: 'A definition file cannot be read.',
  definition_link_dangling: 'A *.yaml or *.yml symlink points at nothing; it is skipped (a warning).',
  entry_unreadable: 'An entry of the definitions directory cannot be looked at (a symlink loop, a permission); it is skipped (a warning).',
  file_too_large: 'A definition file is larger than 1 MiB.',
  too_many_lines: 'A definition file has more than 20,000 lines.',
  binary_file: 'A definition file holds NUL bytes (binary, or UTF-16 text).',
  invalid_encoding: 'A definition file is not valid UTF-8.',
  empty_file: 'A definition file is empty.',
  no_documents: 'A definition file holds only comments or empty documents.',
  // YAML
  yaml_syntax: 'The YAML cannot be parsed; the yaml package\'s own code is kept as the cause.',
  tab_indentation: 'A tab is used for indentation.',
  duplicate_key: 'A key appears twice in one mapping.',
  nesting_too_deep: 'Collections are nested deeper than a definition ever needs.',
  unsupported_tag: 'A YAML tag other than the standard ones (!!str, !!int, …) is used.',
  non_string_key: 'A mapping key is not a string (a number, boolean, null or collection).',
  alias_limit_exceeded: 'Aliases expand to too much data (an alias bomb).',
  unresolved_alias: 'An alias refers to an anchor that is not defined before it.',
  yaml_warning: 'The yaml package warns about something that still parses.',
  document_not_mapping: 'A document is a scalar or a list instead of a mapping.',
  // Document header
  missing_api_version: 'A document has no apiVersion.',
  unsupported_api_version: 'A document has an apiVersion other than syncctl/v1.',
  missing_kind: 'A document has no kind.',
  unknown_kind: 'A document\'s kind is neither Connection nor Sync.',
  // Schema
  unknown_property: 'A property the schema does not know (often a typo).',
  missing_property: 'A required property is missing.',
  invalid_type: 'A value has the wrong type.',
  invalid_enum_value: 'A value is not one of the allowed values.',
  invalid_format: 'A string does not have the required form (name, duration, URL, env reference, …).',
  invalid_property_name: 'A key of a free-form mapping does not have the required form.',
  too_short: 'A string is shorter than allowed.',
  too_long: 'A string is longer than allowed.',
  too_few_items: 'A list has fewer items than required.',
  too_many_items: 'A list has more items than allowed.',
  duplicate_items: 'A list that must hold distinct values holds one twice.',
  invalid_value: 'A value is not valid here (for example a filter value that does not fit its op).',
  too_many_problems: 'A document has so many schema problems that only the first ones are listed.',
  // Meaning
  unknown_connection: 'A sync names a connection that no file defines.',
  same_connection: 'A sync uses the same connection as hub and app.',
  duplicate_connection: 'Two connections have the same name.',
  duplicate_sync: 'Two syncs have the same name.',
  duplicate_object_pair: 'A sync lists the same pair of objects twice.',
  object_in_two_pairs: 'A hub or app object takes part in two pairs of one sync.',
  app_object_conflict: 'One app object is written by two enabled syncs (or twice by one).',
  duplicate_mapping_target: 'Two enabled mappings write the same hub field or the same app field.',
  only_with_email_not_contacts: 'onlyWithEmail is set on an object other than contacts.',
  match_not_mapped: 'A match property is not mapped, so records cannot be matched by it.',
  required_mapping_disabled: 'A mapping is both required and switched off.',
  association_unknown_object: 'An association names an object that is not a hub object of the sync.',
  association_self: 'An association links an object to itself.',
  duplicate_association: 'An association is listed twice (in either direction).',
  poll_interval_too_short: 'pollInterval is shorter than one second.',
  env_unset: 'A ${env:NAME} reference names a variable that is unset or empty.',
  invalid_env_ref: 'A string holds `${` that is not a well-formed ${env:NAME} reference.',
  // Bugs
  internal_error: 'syncctl itself failed while checking; the message says where. Please report it.',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
