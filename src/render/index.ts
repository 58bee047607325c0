import type { Renderer } from './types.js';

export type { RenderOptions, Renderer } from './types.js';


/**
 * The registry of output formats: each takes reports and returns a string; none prints or sets exit codes.
 * Loaded per format, so JSON output never loads chalk (nor does text without colour).
 */
export const renderers = {
  text: async (colorLevel: number): Promise<Renderer> => {
    const { renderText, chalkPaint, PLAIN } = await import('./text.js');
    // chalk only when there is colour to paint: its import costs a report ~15 ms.
    const paint = colorLevel > 0 ? chalkPaint(new (await import('chalk')).Chalk({ level: colorLevel as 1 | 2 | 3 })) : PLAIN;
    return (reports, opts) => renderText(reports, opts, paint);
  },
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

export function loadRenderer(format: FormatName, colorLevel = 0): Promise<Renderer> {
  return renderers[format](colorLevel);
}
