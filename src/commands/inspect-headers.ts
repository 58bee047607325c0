import type { Command } from 'commander';
import { NotImplementedError } from '../core/errors.js';
import type { CommandResult } from './context.js';

export function declareInspectHeaders(cmd: Command): Command {
  return cmd
    .description('read the headers of a received message: which relay and sender delivered it, did SPF/DKIM/DMARC pass and align, was it forwarded')
    .argument('[file...]', '.eml files or pasted header blocks; - or a pipe reads stdin')
    .addHelpText(
      'after',
      `
Examples:
  maildiag inspect-headers message.eml
  pbpaste | maildiag inspect-headers --expect-relay smtp.example.fr

Not implemented yet: exits 3.`,
    );
}

export async function runInspectHeaders(): Promise<CommandResult> {
  throw new NotImplementedError('inspect-headers is not implemented yet');
}
