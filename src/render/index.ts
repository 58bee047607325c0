import type { Report } from '../core/model.js';
import type { Lang } from '../i18n/lang.js';

export interface RenderOptions {
  lang: Lang;
  colorLevel: 0 | 1 | 2 | 3;
  /** Several targets were asked for (JSON: an array). */
  many: boolean;
  /** Terminal width for text tables. */
  width: number;
  /** One summary row per report (mbox), not each report in full. */
  summary?: boolean;
}

export type Renderer = (reports: readonly Report[], opts: RenderOptions) => string;

/**
 * The registry of output formats: each takes reports and returns a string; none prints or sets exit codes.
 * Loaded per format, so JSON output never loads chalk.
 */
export const renderers = {
  text: async (): Promise<Renderer> => (await import('./text.js')).renderText,
  json: async (): Promise<Renderer> => {
    const { renderJson } = await import('./json.js');
    return (reports, opts) => renderJson(reports, opts.many);
  },
  markdown: async (): Promise<Renderer> => {
    const { renderMarkdown } = await import('./markdown.js');
    return (reports, opts) => renderMarkdown(reports, opts);
  },
} as const;

export type FormatName = keyof typeof renderers;

export function loadRenderer(format: FormatName): Promise<Renderer> {
  return renderers[format]();
}
