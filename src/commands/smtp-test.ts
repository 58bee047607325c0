import type { Command } from 'commander';
import { NotImplementedError } from '../core/errors.js';
import type { CommandResult } from './context.js';

export function declareSmtpTest(cmd: Command): Command {
  return cmd
    .description('prove an SMTP account works end to end (connect, TLS, AUTH, sender, recipient) and say which step fails and why')
    .option('--host <host>', 'SMTP server host name or address')
    .option('--port <n>', 'port: 25, 465 (implicit TLS) or 587 (STARTTLS)')
    .addHelpText(
      'after',
      `
Examples:
  maildiag smtp-test --host smtp.office365.com --port 587 --user app@example.fr --password-env SMTP_PASSWORD --from app@example.fr
  maildiag smtp-test --config smtp-accounts.json --all

Not implemented yet: exits 3.`,
    );
}

export async function runSmtpTest(): Promise<CommandResult> {
  throw new NotImplementedError('smtp-test is not implemented yet');
}
