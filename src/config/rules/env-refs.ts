import type { Entry } from '../documents.js';
import { envRefsIn, hasMalformedEnvRef, isEnvSet, resolveEnvRefs } from '../env.js';
import { escape } from '../ajv-messages.js';
import type { RuleContext } from './context.js';

/**
 * Every `${env:X}` in connection options and notify.webhook must name a set variable. PR checks
 * run without secrets, so at validate/plan an unset one is a warning unless strict; at
 * apply/run it is an error. Messages name the variable, never a value.
 */
export function checkEnvRefs(ctx: RuleContext): void {
  const unsetIsError = ctx.strict || ctx.phase === 'apply' || ctx.phase === 'run';
  const visit = (entry: Entry, pointer: string, node: unknown): void => {
    if (typeof node === 'string') {
      checkString(ctx, entry, pointer, node, unsetIsError);
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => visit(entry, `${pointer}/${i}`, child));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) visit(entry, `${pointer}/${escape(key)}`, child);
    }
  };
  for (const c of ctx.connections) {
    visit(c.entry, '/options', c.doc.options);
    // Registered now so that a value that slips into any later output is scrubbed.
    resolveEnvRefs(c.doc.options, ctx.env);
  }
  for (const s of ctx.syncs) {
    if (s.doc.notify === undefined) continue;
    visit(s.entry, '/notify/webhook', s.doc.notify.webhook);
    resolveEnvRefs(s.doc.notify.webhook, ctx.env);
  }
  // Documents with a schema error elsewhere are checked too, so that all problems come at once.
  for (const entry of ctx.entries) {
    if (entry.valid || !entry.pd.clean || entry.pd.value === null || typeof entry.pd.value !== 'object') continue;
    const doc = entry.pd.value as Record<string, unknown>;
    if (entry.kind === 'Connection' && doc['options'] !== undefined) visit(entry, '/options', doc['options']);
    const notify = doc['notify'];
    if (entry.kind === 'Sync' && notify !== null && typeof notify === 'object' && 'webhook' in notify) {
      visit(entry, '/notify/webhook', (notify as Record<string, unknown>)['webhook']);
    }
  }
}

function checkString(ctx: RuleContext, entry: Entry, pointer: string, text: string, unsetIsError: boolean): void {
  if (hasMalformedEnvRef(text)) {
    ctx.report(entry, pointer, {
      code: 'invalid_env_ref',
      message: 'this value holds `${` that is not a well-formed environment reference',
      hint: 'Write environment references as ${env:NAME}, with a name of letters, digits and underscores.',
    });
  }
  for (const name of new Set(envRefsIn(text))) {
    if (isEnvSet(ctx.env, name)) continue;
    ctx.report(entry, pointer, {
      code: 'env_unset',
      severity: unsetIsError ? 'error' : 'warning',
      message: `environment variable \`${name}\` is not set (or is empty)`,
      hint: unsetIsError
        ? `Set ${name} in the environment of this command before it runs.`
        : `Set ${name} where \`syncctl apply\` and the runner run; here it is a warning so that checks without secrets pass (--strict makes it an error).`,
    });
  }
}
