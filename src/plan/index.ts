// The plan formats: text for people, Markdown for pull requests, JSON for tools and saved plans.
import { assertNever } from '../reconcile/summary.js';
import type { Plan } from '../reconcile/types.js';
import type { DataFormatter } from './data-section.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

export interface RenderOptions {
  /** ANSI colours in text output (the caller decides: TTY, NO_COLOR). */
  color?: boolean;
  /** Markdown size limit (default 60,000 characters). */
  limit?: number;
  formatData?: DataFormatter;
}

/** Renders a plan in one of the three formats. */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions = {}): string {
  const data = options.formatData === undefined ? {} : { formatData: options.formatData };
  switch (format) {
    case 'text':
      return renderText(plan, { color: options.color ?? false, ...data });
    case 'markdown':
      return renderMarkdown(plan, options.limit === undefined ? data : { ...data, limit: options.limit });
    case 'json':
      return renderJson(plan);
    default:
      return assertNever(format);
  }
}

export { renderText, renderMarkdown, renderJson };
export { MARKDOWN_LIMIT } from './render-markdown.js';
export { NO_CHANGES, summaryLine } from './describe.js';
export { jsonDataFormatter, type DataFormatter } from './data-section.js';
export { redactPlan } from './redact-plan.js';
export { checkPlanFresh, readPlanFile, writePlanFile } from './saved-plan.js';
