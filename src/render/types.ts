/** The shapes renderers share: options, and the sections a report shows besides its findings. */
import type { SectionId } from '../core/catalogue/sections.js';
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

export interface Table {
  head: string[];
  rows: string[][];
}

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

export interface Section {
  /**
   * The findings whose catalogue entry names this section land in it; `general` holds those no section of
   * the report claims, `transcript` none (it shows the SMTP dialogue).
   */
  area: SectionId | 'general' | 'transcript';
  title: string;
  table?: Table;
  tree?: TreeNode;
  lines?: string[];
}
