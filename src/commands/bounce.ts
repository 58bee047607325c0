import type { Command } from 'commander';
import type { CommandResult, RunContext } from '../core/run-context.js';
import { t } from '../i18n/ui.js';
import { o } from '../i18n/options.js';

export function declareBounce(cmd: Command): Command {
  return cmd
    .description(t('help.cmd.bounce'))
    .argument('[file...]', o('bounce.arg'))
    .addHelpText(
      'after',
      `
${t('help.examples')}
  maildiag bounce "Undeliverable.eml"
  maildiag bounce rejets.mbox --json
  echo "550-5.7.26 Unauthenticated email from example.fr is not accepted due to domain's DMARC policy" | maildiag bounce`,
    );
}

/** Reads each bounce (a message, an mbox of them, or a pasted reply line), and explains each recipient that failed. */
export async function runBounce(files: string[], ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError }, { readBounce, readBounceInput }, { explain }, { finding, makeReport }, { splitMbox }, { bounceSigns }] = await Promise.all([
    import('../core/errors.js'),
    import('../bounce/read.js'),
    import('../bounce/explain.js'),
    import('../core/finding.js'),
    import('../headers/read.js'),
    import('../core/bounce-reasons.js'),
  ]);
  const inputs = files.length ? files : ctx.stdinIsTTY ? [] : ['-'];
  if (!inputs.length) throw new UsageError(t('error.bounce-needs-input'));
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError(t('error.stdin-once'));

  let many = inputs.length > 1;
  ctx.setTotal(inputs.length);
  for (const file of inputs) {
    if (ctx.signal.aborted) break;
    const source = file === '-' ? 'stdin' : file;
    ctx.progress(t('progress.reading', { source }));
    const messages = splitMbox(await readBounceInput(file, ctx.stdin));
    if (messages.length > 1) many = true;
    for (const [i, bytes] of messages.entries()) {
      const started = ctx.now();
      const target = messages.length > 1 ? `${source}#${i + 1}` : source;
      const facts = await readBounce(bytes);
      const senderDomain = (facts.to ?? facts.original?.from ?? '').match(/@([a-z0-9.-]+\.[a-z]{2,})/i)?.[1]?.toLowerCase() ?? null;
      const recipients = facts.recipients.map((r) => explain(r, { senderDomain }));
      const findings = [];
      if (facts.kind === 'not-a-bounce') findings.push(finding('bounce.not-a-bounce', target, { source: target }));
      else if (!recipients.length) findings.push(finding('bounce.no-recipient', target, { source: target }));
      for (const r of recipients) {
        const severity = r.severity === 'hard' ? 'error' : r.severity === 'soft' ? 'warning' : r.severity === 'delayed' ? 'info' : 'ok';
        const args = { recipient: r.recipient ?? '?', reason: r.reason, status: r.status, smtpCode: r.smtpCode, provider: r.provider?.name ?? null, providerCode: r.provider?.code ?? null, remoteMta: r.remoteMta, diagnostic: r.diagnostic, side: r.side, severity: r.severity, next: r.next, willRetryUntil: r.willRetryUntil };
        findings.push(finding('bounce.recipient', r.recipient ?? target, args, { severity }));
      }
      if (facts.original) findings.push(finding('bounce.original', target, { from: facts.original.from, messageId: facts.original.messageId, subject: facts.original.subject, lastRelay: facts.original.lastRelay }));
      // The message that failed was itself a bounce: a notice was lost, not a message.
      const originalSigns = facts.original ? bounceSigns(facts.original) : undefined;
      if (facts.original && originalSigns?.sender && originalSigns.subject) findings.push(finding('bounce.of-a-bounce', target, { from: facts.original.from ?? '' }));
      await ctx.emit(makeReport({ command: 'bounce', target, findings, data: { ...facts, recipients }, startedAt: started, now: ctx.now() }));
    }
  }
  return { many };
}
