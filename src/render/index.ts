import type { Renderer } from './types.js';

export type { RenderOptions, Renderer } from './types.js';


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
