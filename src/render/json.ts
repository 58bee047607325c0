import type { Report } from '../core/model.js';
import { escapeJsonUnsafe } from '../core/sanitize.js';

/** Exactly one JSON document: the report, or an array of them when several targets were asked for. */
export function renderJson(reports: readonly Report[], many: boolean): string {
  return escapeJsonUnsafe(JSON.stringify(many ? reports : reports[0], null, 2));
}
