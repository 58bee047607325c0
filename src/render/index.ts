import type { Report } from '../core/model.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export interface RenderOptions {
  colorLevel: 0 | 1 | 2 | 3;
  /** Several targets were asked for (JSON: an array). */
  many: boolean;
  /** Terminal width for text tables. */
  width: number;
}

/** The registry of output formats: each takes reports and returns a string; none prints or sets exit codes. */
export const renderers = {
  text: (reports: readonly Report[], opts: RenderOptions) => renderText(reports, opts),
  json: (reports: readonly Report[], opts: RenderOptions) => renderJson(reports, opts.many),
  markdown: (reports: readonly Report[]) => renderMarkdown(reports),
} as const;

export type FormatName = keyof typeof renderers;

export function render(format: FormatName, reports: readonly Report[], opts: RenderOptions): string {
  return renderers[format](reports, opts);
}
