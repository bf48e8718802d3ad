import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerSecret } from '../../src/log/redact.js';
import { renderJson, renderMarkdown, renderPlan, renderText, writePlanFile } from '../../src/plan/index.js';
import { reconcile } from '../../src/reconcile/diff.js';
import type { Plan } from '../../src/reconcile/types.js';
import { conn, current, desired, hubspot, OPTIONS, sync } from '../reconcile/fixtures.js';

const SECRET = 'pat-na1-5f3c9e2a-very-secret';

afterEach(() => clearSecrets());

/** A plan where a resolved secret slipped in everywhere it could: options, text, dry-run data. */
function leakyPlan(): Plan {
  const before = current([hubspot('hub', '${env:HUBSPOT_TOKEN}'), conn('shop'), hubspot('gone', SECRET)], [sync('crm-shop', { hub: 'hub' })]);
  const after = desired(
    [hubspot('hub', SECRET, { options: { token: SECRET, webhookSecret: '${env:HOOK_SECRET}', baseUrl: 'https://api.hubapi.com' } }), conn('shop'), hubspot('new-hub', SECRET)],
    [sync('crm-shop', { hub: 'hub', description: `token is ${SECRET}` }), sync('other', { hub: 'new-hub' })],
  );
  const plan = reconcile(after, before, { ...OPTIONS, allowDelete: true });
  return { ...plan, data: { 'crm-shop': { sample: { email: 'a@example.com', note: SECRET } } } };
}

describe('secrets in plans', () => {
  it('never appear in any format, nor in a saved plan', () => {
    registerSecret(SECRET);
    const plan = leakyPlan();
    const dir = mkdtempSync(join(tmpdir(), 'syncctl-plan-'));
    try {
      writePlanFile(join(dir, 'plan.json'), plan);
      const outputs = [renderText(plan), renderPlan(plan, 'text', { color: true }), renderMarkdown(plan), renderJson(plan), readFileSync(join(dir, 'plan.json'), 'utf8')];
      for (const output of outputs) expect(output).not.toContain(SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows secret options only as their env reference, even when the value was never registered', () => {
    const json = JSON.parse(renderJson(leakyPlan())) as Plan;
    const hub = json.steps.find((s) => s.resource === 'connection' && s.name === 'hub');
    expect(hub?.kind).toBe('change');
    if (hub?.kind !== 'change' || hub.resource !== 'connection') return;
    expect(hub.before.options.token).toBe('${env:HUBSPOT_TOKEN}');
    expect(hub.after.options).toEqual({ token: '[redacted]', webhookSecret: '${env:HOOK_SECRET}', baseUrl: 'https://api.hubapi.com' });
    expect(hub.changes.find((c) => c.path === 'options.token')).toMatchObject({ before: '${env:HUBSPOT_TOKEN}', after: '[redacted]' });
    const created = json.steps.find((s) => s.name === 'new-hub');
    expect(created?.kind === 'create' && created.resource === 'connection' && created.after.options.token).toBe('[redacted]');
    const deleted = json.steps.find((s) => s.name === 'gone');
    expect(deleted?.kind === 'delete' && 'options' in deleted.before && deleted.before.options.token).toBe('[redacted]');
    // Unregistered, a secret typed into free text (a description) cannot be recognised; in options it always is.
    const optionLines = [renderText(leakyPlan()), renderMarkdown(leakyPlan())].join('\n').split('\n').filter((l) => l.includes('options'));
    expect(optionLines.length).toBeGreaterThan(0);
    for (const line of optionLines) expect(line).not.toContain(SECRET);
  });

  it('keeps env references readable in text and markdown', () => {
    const plan = reconcile(
      desired([hubspot('hub', '${env:NEW_TOKEN}')], []),
      current([hubspot('hub', '${env:OLD_TOKEN}')], []),
      OPTIONS,
    );
    expect(renderText(plan)).toContain('~ options.token: "${env:OLD_TOKEN}" -> "${env:NEW_TOKEN}"');
    expect(renderMarkdown(plan)).toContain('~ options.token: "${env:OLD_TOKEN}" -> "${env:NEW_TOKEN}"');
  });
});
