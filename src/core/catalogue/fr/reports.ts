import type { Translation } from '../define.js';
import type { reportFindings } from '../reports.js';
import { reasonText } from '../reason-words.js';
import { formatNumber } from '../../../i18n/lang.js';

const n = (x: number) => formatNumber(x, 'fr');
const ipList = (a: { ips: string[]; ipCount: number }) => `${a.ips.join(', ')}${a.ipCount > a.ips.length ? ` et ${a.ipCount - a.ips.length} autres` : ''}`;
const ipsOf = (a: { sender: string; ips: string[]; ipCount: number }) => (a.ipCount === 1 && a.ips[0] === a.sender ? '' : ` (${ipList(a)})`);
const list = (xs: readonly string[]) => xs.join(', ') || 'aucun';
const s = (x: number) => (x > 1 ? 's' : '');

/** maildiag reports, en français. */
export const reportsFr: Translation<typeof reportFindings> = {
  'reports.unreadable': {
    title: 'Un fichier de rapport n’a pas été lu',
    message: (a) => `${a.file} n’a pas été lu : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Les autres rapports ont été lus. Un rapport mal formé est la faute de son émetteur ; un rapport refusé (DOCTYPE, bombe de compression, zip dangereux) peut être malveillant : ne l’ouvrez pas avec d’autres outils.`,
  },
  'reports.duplicates': {
    title: 'Rapports fournis plusieurs fois',
    message: (a) => `${n(a.count)} rapport${s(a.count)} fourni${s(a.count)} plusieurs fois (même émetteur, même identifiant) compté${s(a.count)} une fois.`,
    hint: () => `Rien à faire : un rapport enregistré deux fois, ou reçu dans deux boîtes, compte une fois.`,
  },
  'reports.lookups-failed': {
    title: 'Des expéditeurs n’ont pas pu être nommés : le DNS n’a pas répondu',
    message: (a) => `${n(a.failed)} des ${n(a.total)} IP d’envoi de ${a.domain} (${a.ips.join(', ')}${a.failed > a.ips.length ? ', ...' : ''}) n’ont pas pu être vérifiées avec son SPF ou son DNS inverse${a.reason ? ` (${reasonText(a.reason, 'fr')})` : ''} : elles comptent comme expéditeurs inconnus, et la préparation ci-dessous peut être sous-estimée.`,
    hint: () => `Relancez avec un résolveur qui répond (--resolver), ou avec --offline pour juger sur les seuls rapports.`,
  },
  'dmarc-report.summary': {
    title: 'Ce que couvrent les rapports DMARC d’un domaine',
    message: (a) => `${a.domain} : ${n(a.messages)} messages dans ${n(a.reports)} rapport${s(a.reports)} de ${list(a.reporters)}, du ${a.first} au ${a.last} ; politique vue : ${a.policy ?? 'inconnue'}.`,
    hint: () => `Les destinataires envoient un rapport par jour et par domaine : une semaine de rapports montre presque tous les expéditeurs.`,
  },
  'dmarc-report.sender-aligned': {
    title: 'Un expéditeur réussit DMARC, aligné',
    message: (a) => `${a.sender}${a.by ? ` (${a.by})` : ''} envoie au nom de ${a.domain} et réussit DMARC : ${n(a.messages)} messages depuis ${ipList(a)}.`,
  },
  'dmarc-report.sender-not-aligned': {
    title: 'Un expéditeur légitime échoue à l’alignement DMARC',
    message: (a) =>
      `${a.sender}${a.by ? ` (${a.by})` : ''} envoie pour ${a.domain}, mais ${n(a.messages - a.passing)} de ses ${n(a.messages)} messages échouent à DMARC (SPF : ${list(a.spfDomains)} ; DKIM : ${list(a.dkimDomains)}) : ${a.strictOnly.length ? `${list(a.strictOnly)} ${a.strictOnly.length === 1 ? 'n’est aligné' : 'ne sont alignés'} qu’en mode relâché, et la politique exige l’alignement strict` : `aucun domaine valide n’est aligné sur ${a.domain}`}.`,
    hint: (a) => `${a.strictOnly.length ? `Relâchez l’alignement de la politique (aspf=r et adkim=r, les valeurs par défaut) sauf si chaque expéditeur utilise exactement ${a.domain} ; ou f` : 'F'}aites signer ${a.sender} avec ${a.domain} : publiez les enregistrements DKIM (souvent des CNAME sous _domainkey.${a.domain}) qu’il donne pour votre domaine et activez la signature, ou donnez-lui un return-path (domaine de rebond) sous ${a.domain}. D’ici là, p=quarantine ou p=reject mettrait ces messages en spam ou les refuserait.`,
  },
  'dmarc-report.forwarded': {
    title: 'Courrier transféré par un fournisseur de messagerie ou une liste',
    message: (a) => `${n(a.messages)} messages sont passés par ${a.sender} (${a.kind === 'mailing-list' ? 'une liste de diffusion' : 'un transfert'}${a.reasons.length ? `, signalés ${list(a.reasons)}` : ''}) ; ${n(a.passing)} ont quand même réussi DMARC.`,
    hint: () => `Le transfert casse SPF mais pas DKIM : signez chaque message en DKIM pour votre domaine et ils réussissent. ARC permet au destinataire final de faire confiance au transfert.`,
  },
  'dmarc-report.unknown-failing': {
    title: 'Un expéditeur inconnu échoue à DMARC',
    message: (a) => `${n(a.messages)} messages de ${a.sender}${ipsOf(a)}, que le SPF de ${a.domain} n’autorise pas, ont échoué à DMARC (SPF : ${list(a.spfDomains)} ; DKIM : ${list(a.dkimDomains)}).`,
    hint: (a) => `Soit quelqu’un envoie au nom de ${a.domain} sans droit (p=quarantine puis p=reject l’arrête), soit c’est un service de votre organisation oublié : demandez qui utilise ${a.sender} ; si c’est le vôtre, ajoutez-le au SPF et configurez son DKIM pour ${a.domain}.`,
  },
  'dmarc-report.unknown-passing': {
    title: 'Un expéditeur a réussi DMARC mais le SPF actuel ne le nomme pas',
    message: (a) => `${a.sender}${ipsOf(a)} a réussi DMARC pour ${n(a.passing)} messages sur ${n(a.messages)}, mais le SPF de ${a.domain} ne l’autorise pas aujourd’hui.`,
    hint: () => `Le SPF a changé depuis ces rapports, ou le domaine SPF de l’expéditeur n’est pas le vôtre : vérifiez que c’est un service que vous utilisez.`,
  },
  'dmarc-report.ready': {
    title: 'Prêt pour une politique DMARC plus stricte',
    message: (a) => `Les ${n(a.legitimate)} messages des expéditeurs de ${a.domain} ont tous réussi DMARC, alignés : passer de ${a.policy ?? 'la politique actuelle'} à p=quarantine, puis p=reject, n’en bloquerait aucun.`,
    hint: () => `Avancez par étapes (p=quarantine, puis p=reject) et continuez à lire les rapports : un nouvel expéditeur y apparaît d’abord.`,
  },
  'dmarc-report.not-ready': {
    title: 'Pas encore prêt pour une politique DMARC plus stricte',
    message: (a) => `${String(a.share).replace('.', ',')} % des ${n(a.legitimate)} messages des expéditeurs de ${a.domain} ont réussi DMARC, alignés : p=quarantine ou p=reject bloquerait aujourd’hui ${a.blocked.map((b) => `${n(b.messages)} de ${b.name}`).join(', ')}.`,
    hint: () => `Corrigez d’abord ces expéditeurs (leurs constats disent comment), puis passez de p=none à p=quarantine, puis p=reject.`,
  },
  'dmarc-report.span': {
    title: 'Un rapport à la période inhabituelle',
    message: (a) => `${n(a.count)} rapport${s(a.count)} ${a.count > 1 ? 'ont' : 'a'} une fin avant le début ou une durée de plus de 24 heures (le premier : ${a.file} de ${a.reporter}, du ${a.begin} au ${a.end}) ; compté${s(a.count)} quand même.`,
    hint: () => `Rien à faire : l’horloge ou le regroupement de l’émetteur ; ses comptes restent justes.`,
  },
  'tls-report.summary': {
    title: 'Ce que couvrent les rapports TLS d’un domaine',
    message: (a) => `${a.domain} : ${n(a.successes)} sessions TLS réussies et ${n(a.failures)} en échec, dans ${n(a.reports)} rapport${s(a.reports)} de ${list(a.reporters)}, du ${a.first} au ${a.last} (politiques : ${list(a.policies)}).`,
    hint: () => `Les rapports TLS-RPT (RFC 8460) disent comment le TLS des expéditeurs vers vos MX s’est passé : un échec sous MTA-STS en mode enforce est un message non remis.`,
  },
  'tls-report.failure': {
    title: 'Des sessions TLS vers les MX ont échoué',
    message: (a) =>
      `${n(a.sessions)} sessions vers ${list(a.receivingMx.length ? a.receivingMx : [a.domain])} ont échoué avec ${a.type} (politique ${a.policy})${a.sendingMtas.length ? `, depuis ${list(a.sendingMtas.slice(0, 5))}` : ''}${a.info.length ? ` : ${a.info[0]}` : ''}.`,
    hint: (a) => `${reasonText(a.fix, 'fr').replace(/^./, (c) => c.toUpperCase())}.`,
  },
};
