/**
 * The catalogue of per-record failure categories and exclusion reasons.
 * docs/errors.md documents every entry; a test keeps the two in step.
 */
export const FAILURE_CATEGORIES = {
  missing_required_field: 'Fill in the field in the source record, or mark the mapping as not required.',
  invalid_value: 'Correct the value in the source record so the target field type can hold it, or switch the mapping off.',
  duplicate: 'Merge or correct the duplicate records so each identifier appears once.',
  deleted_in_hub: 'Restore the record with `syncctl resync-deleted SYNC --in hub`, or leave it unlinked.',
  deleted_in_app: 'Restore the record with `syncctl resync-deleted SYNC --in app`, or leave it unlinked.',
  not_found: 'The record no longer exists at the app; check whether it was deleted or merged.',
  rate_limited: 'The app rate-limited the request; syncctl retries on its own. Raise the account tier or lower the load if it persists.',
  auth_failed: 'The credentials were refused: check the token the connection references and re-run.',
  permission_denied: 'The credentials lack a permission (scope) this write needs: grant it to the app or token.',
  conflict_at_app: 'The app refused the write because it conflicts with another record there; resolve the conflict at the app.',
  app_unavailable: 'The app could not be reached or answered with a server error; syncctl retries on its own.',
  association_target_not_synced: 'The associated record is not (yet) linked; it syncs once its partner is linked.',
  unknown: 'An unexpected error: see the message, and report it if it keeps happening.',
} as const;

export type FailureCategory = keyof typeof FAILURE_CATEGORIES;

export const EXCLUSION_REASONS = {
  filter: 'The record did not match the sync\'s filters when the initial sync ran. Change the filter, or the record, and save the sync.',
  no_email: 'Contacts sync only with a valid email address. Add one, or set onlyWithEmail: false.',
  no_identifier: 'The record has none of the matching identifiers, so it cannot be matched safely. Fill one in.',
  duplicate: 'Another record of the same app has the same identifier and was seen first. Merge or correct it.',
} as const;

export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

/** Hint for a failure category. */
export function hintFor(category: FailureCategory): string {
  return FAILURE_CATEGORIES[category];
}
