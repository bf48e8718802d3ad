import { afterEach, describe, expect, it } from 'vitest';
import { formatProblemsText, parseDuration, problemsToJson, type Problem } from '../../src/config/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { clearSecrets, registerSecret } from '../../src/log/redact.js';
import { load } from './helpers.js';

afterEach(() => clearSecrets());

const PROBLEMS: Problem[] = [
  { severity: 'error', code: 'unknown_property', message: 'unknown property `conflictWiner` in `objects[0]`', hint: 'did you mean `conflictWinner`?', file: 'syncs/a.yaml', line: 12, column: 5, path: '/objects/0/conflictWiner' },
  { severity: 'warning', code: 'env_unset', message: 'environment variable `TOKEN` is not set (or is empty)', file: 'syncs/b.yaml', line: 3, column: 10 },
  { severity: 'error', code: 'no_definitions', message: 'no *.yaml or *.yml files in syncs', file: 'syncs' },
];

describe('formatProblemsText', () => {
  it('prints file:line:col severity code: message, the hint below, and a count', () => {
    expect(formatProblemsText(PROBLEMS)).toBe(
      [
        'syncs/a.yaml:12:5 error unknown_property: unknown property `conflictWiner` in `objects[0]`',
        '  hint: did you mean `conflictWinner`?',
        'syncs/b.yaml:3:10 warning env_unset: environment variable `TOKEN` is not set (or is empty)',
        'syncs error no_definitions: no *.yaml or *.yml files in syncs',
        '2 errors, 1 warning.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    expect(formatProblemsText([])).toBe('No problems found.\n');
  });

  it('colours severities only when asked', () => {
    expect(formatProblemsText(PROBLEMS, { color: true })).toContain('\u001b[31merror\u001b[0m');
    expect(formatProblemsText(PROBLEMS)).not.toContain('\u001b[');
  });

  it('scrubs registered secrets', () => {
    registerSecret('hunter2-secret');
    const text = formatProblemsText([{ severity: 'error', code: 'x', message: 'got hunter2-secret' }]);
    expect(text).not.toContain('hunter2');
  });
});

describe('problemsToJson', () => {
  it('is versioned and carries ok, files and problems', () => {
    const result = load('apiVersion: syncctl/v1\nkind: Connection\nname: crm\nconnector: sqlit\noptions: { path: x.db }\n');
    const json = problemsToJson(result) as { formatVersion: number; ok: boolean; files: string[]; problems: Problem[] };
    expect(json).toEqual({ formatVersion: 1, ok: false, files: ['syncs/test.yaml'], problems: result.problems });
    expect(json.problems[0]).toMatchObject({ code: 'invalid_enum_value', line: 4, column: 12, path: '/connector', hint: 'did you mean `sqlite`?', resource: { kind: 'Connection', name: 'crm' } });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5', '5 m', '1d', '-1s', '1.5h', ''])('%j is refused with invalid_duration', (text) => {
    let caught: unknown;
    try {
      parseDuration(text);
    } catch (err) {
      caught = err;
    }
    expect(isSyncctlError(caught, 'invalid_duration')).toBe(true);
  });
});
