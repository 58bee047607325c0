/** The shapes renderers share: options, and the sections a report shows besides its findings. */
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
  /** Findings whose area matches land in this section. */
  area: string;
  title: string;
  table?: Table;
  tree?: TreeNode;
  lines?: string[];
}
