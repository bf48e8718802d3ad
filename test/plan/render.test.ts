import { describe, expect, it } from 'vitest';
import { renderJson, renderMarkdown, renderPlan, renderText } from '../../src/plan/index.js';
import { reconcile } from '../../src/reconcile/diff.js';
import type { Plan } from '../../src/reconcile/types.js';
import { companies, conn, contacts, current, desired, OPTIONS, sync } from '../reconcile/fixtures.js';
import { createPlan, deletePlan, noChangesPlan, showcasePlan } from './showcase.js';

const CONNECTIONS = [conn('crm'), conn('shop')];

function withData(plan: Plan): Plan {
  return { ...plan, data: { 'crm-shop': { contacts: { create: { hub: 2, app: 14 }, update: { app: 3210 } } } } };
}

describe('text format', () => {
  it('shows every step kind (reviewed snapshot)', async () => {
    await expect(renderText(showcasePlan())).toMatchFileSnapshot('./__snapshots__/text-showcase.txt');
  });

  it('shows deletes (reviewed snapshot)', async () => {
    await expect(renderText(deletePlan())).toMatchFileSnapshot('./__snapshots__/text-delete.txt');
  });

  it('says when nothing changes', () => {
    expect(renderText(noChangesPlan())).toBe('No changes. Your syncs match the applied state.\n');
  });

  it('prints the summary line exactly', () => {
    const before = current(CONNECTIONS, [sync('a'), sync('b')]);
    const after = desired(CONNECTIONS, [sync('a', { app: 'crm' }), sync('b', { objects: [companies(), contacts({ conflictWinner: 'app' })] }), sync('c')]);
    const text = renderText(reconcile(after, before, OPTIONS));
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 1 to create, 2 to change (2 restart initial sync), 0 to turn off, 0 to delete.');
  });

  it('leaves the restart clause out when no change restarts', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('a', { description: 'x' })]), current(CONNECTIONS, [sync('a')]), OPTIONS);
    expect(renderText(plan)).toContain('Plan: 0 to create, 1 to change, 0 to turn off, 0 to delete.');
  });

  it('uses ANSI colour only when asked', () => {
    const plan = showcasePlan();
    expect(renderText(plan)).not.toContain('\u001b[');
    expect(renderPlan(plan, 'text')).not.toContain('\u001b[');
    const coloured = renderPlan(plan, 'text', { color: true });
    expect(coloured).toContain('\u001b[33m~\u001b[0m');
    expect(coloured.replace(new RegExp(String.fromCharCode(27) + '\\[\\d+m', 'g'), '')).toBe(renderText(plan));
  });

  it('prints a record-level dry run through a pluggable formatter', async () => {
    const plan = withData(createPlan());
    await expect(renderText(plan)).toMatchFileSnapshot('./__snapshots__/text-data.txt');
    const custom = renderText(plan, { formatData: { text: (name, data) => `${name}: ${Object.keys(data as object).join(',')}`, markdown: () => '' } });
    expect(custom).toContain('  crm-shop: contacts\n');
  });
});

describe('markdown format', () => {
  it('shows every step kind (reviewed snapshot)', async () => {
    await expect(renderMarkdown(showcasePlan())).toMatchFileSnapshot('./__snapshots__/markdown-showcase.md');
  });

  it('shows deletes (reviewed snapshot)', async () => {
    await expect(renderMarkdown(deletePlan())).toMatchFileSnapshot('./__snapshots__/markdown-delete.md');
  });

  it('starts with the summary line and warns about restarts and deletes', () => {
    const md = renderMarkdown(showcasePlan());
    expect(md.split('\n')[0]).toMatch(/^Plan: 2 to create, 5 to change \(2 restart initial sync\)/);
    expect(md).toContain('> [!WARNING]\n> Restarts the initial sync of **archive** (all objects), **billing** (all objects), **crm-shop** (objects: contacts)');
    expect(renderMarkdown(deletePlan())).toContain('> Deletes connection **old-shop**, sync **crm-old-shop** and its index.');
  });

  it('does not warn when nothing restarts or is deleted', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('a', { pollInterval: '1m', pollIntervalMs: 60_000 })]), current(CONNECTIONS, [sync('a')]), OPTIONS);
    const md = renderMarkdown(plan);
    expect(md).not.toContain('[!WARNING]');
    expect(md).toContain('| `~` | sync `a` | change (1 field) | forces no resync |');
  });

  it('says when nothing changes', () => {
    expect(renderMarkdown(noChangesPlan())).toBe('No changes. Your syncs match the applied state.\n');
  });

  it('prints a record-level dry run', async () => {
    await expect(renderMarkdown(withData(createPlan()))).toMatchFileSnapshot('./__snapshots__/markdown-data.md');
  });

  it('stays under 60,000 characters for a huge plan, with a note saying it was cut', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `sync-${String(i).padStart(4, '0')}`);
    const before = current(CONNECTIONS, many.map((name) => sync(name)));
    const after = desired(
      CONNECTIONS,
      many.map((name) => sync(name, { description: 'x'.repeat(5000), objects: [companies({ direction: 'to-app' }), contacts({ match: ['email', 'phone'] })] })),
    );
    const md = renderMarkdown(reconcile(after, before, OPTIONS));
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md.split('\n')[0]).toBe('Plan: 0 to create, 1500 to change (1500 restart initial sync), 0 to turn off, 0 to delete.');
    expect(md).toMatch(/> \[!NOTE\]\n> This plan was cut to stay under 60,000 characters: \d+ more parts not shown\. Run `syncctl plan`/);
    expect(md).toContain('and 1480 more: their records are re-indexed');
    // Values are clipped, so a part is never one giant line.
    expect(Math.max(...md.split('\n').map((l) => l.length))).toBeLessThan(2000);
  });

  it('honours a smaller limit and keeps whole parts', () => {
    const md = renderMarkdown(showcasePlan(), { limit: 2500 });
    expect(md.length).toBeLessThanOrEqual(2500);
    expect(md).toContain('This plan was cut to stay under 2,500 characters');
    expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  });
});

describe('json format', () => {
  it('is versioned and carries every step with before and after', () => {
    const json = JSON.parse(renderJson(showcasePlan())) as Plan;
    expect(json.formatVersion).toBe(1);
    expect(json.summary).toMatchObject({ create: 2, change: 5, turnOn: 1, turnOff: 1, orphan: 1 });
    for (const step of json.steps) {
      if (step.kind === 'unchanged') continue;
      if (step.kind !== 'create') expect(step.before).toMatchObject({ name: step.name });
      if (step.kind !== 'delete' && step.kind !== 'orphan') expect(step.after).toMatchObject({ name: step.name });
    }
    const change = json.steps.find((s) => s.name === 'crm-shop');
    expect(change?.kind === 'change' && change.changes[1]).toEqual({ path: 'objects[contacts].direction', before: 'two-way', after: 'to-app' });
  });

  it('keeps dry-run data', () => {
    expect(JSON.parse(renderPlan(withData(createPlan()), 'json'))).toMatchObject({ data: { 'crm-shop': { contacts: { update: { app: 3210 } } } } });
  });
});
