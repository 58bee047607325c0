/** --config: several SMTP accounts of one application, one of them the default sender. */
import { t } from '../i18n/ui.js';
import { InputError } from '../core/errors.js';
import { readJsonFile } from '../core/json-file.js';
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { Security } from './types.js';

export interface Profile {
  name: string;
  host: string;
  port?: number;
  security?: Security;
  user?: string;
  passwordEnv?: string;
  oauth2TokenEnv?: string;
  oauth2TokenCmd?: string;
  from?: string;
  active: boolean;
  default: boolean;
  servername?: string;
  ca?: string;
  ehloName?: string;
}

const SECURITIES = ['auto', 'tls', 'starttls', 'none'];

export function loadConfig(path: string): Profile[] {
  const json = readJsonFile(path, '--config');
  const list = (json as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list) || list.length === 0) throw new InputError(t('error.config-shape', { path }));
  const names = new Set<string>();
  return list.map((raw, i) => {
    const p = raw as Record<string, unknown>;
    const where = t('error.config-where', { n: i + 1, path });
    const str = (k: string) => {
      if (p[k] === undefined) return undefined;
      if (typeof p[k] !== 'string' || p[k] === '') throw new InputError(t('error.config-string', { where, key: k }));
      return p[k] as string;
    };
    const name = str('name');
    const host = str('host');
    if (!name) throw new InputError(t('error.config-no-name', { where }));
    if (!host) throw new InputError(t('error.config-no-host', { where, name }));
    if (names.has(name)) throw new InputError(t('error.config-name-twice', { where, name }));
    names.add(name);
    const port = p.port === undefined ? undefined : Number(p.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new InputError(t('error.config-port', { where, name, port: String(p.port) }));
    const security = str('security');
    if (security && !SECURITIES.includes(security)) throw new InputError(t('error.config-security', { where, name, choices: SECURITIES.join(', ') }));
    const profile: Profile = { name, host, active: p.active !== false, default: p.default === true };
    if (port !== undefined) profile.port = port;
    if (security) profile.security = security as Security;
    for (const k of ['user', 'passwordEnv', 'oauth2TokenEnv', 'oauth2TokenCmd', 'from', 'servername', 'ca', 'ehloName'] as const) {
      const v = str(k);
      if (v !== undefined) profile[k] = v;
    }
    return profile;
  });
}

/** Pure: what is wrong with the set of accounts itself. */
export function checkConfig(file: string, profiles: readonly Profile[]): Finding[] {
  const out: Finding[] = [];
  const defaults = profiles.filter((p) => p.default);
  if (defaults.length > 1) out.push(finding('config.multiple-defaults', file, { file, names: defaults.map((p) => p.name) }));
  if (defaults.length === 1 && !defaults[0]!.active) out.push(finding('config.default-inactive', file, { file, name: defaults[0]!.name }));
  if (defaults.length === 0) out.push(finding('config.no-default', file, { file }));
  for (const p of profiles) if (!p.active) out.push(finding('config.profile-skipped', p.name, { name: p.name }));
  return out;
}
