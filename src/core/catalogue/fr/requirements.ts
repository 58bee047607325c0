import type { Translation } from '../define.js';
import type { requirementFindings } from '../requirements.js';
import { PER_MESSAGE, providerList } from '../requirements.js';
import { reasonText } from '../reason-words.js';
import type { Rule } from '../../requirements.js';

/** Each rule in French: its name, and what to change. */
export const RULE_WORDS_FR: Record<Rule, { title: string; fix: string }> = {
  'spf-or-dkim': { title: 'SPF ou DKIM valide', fix: 'Publiez un SPF pour les serveurs qui envoient (include: de votre plateforme) et signez en DKIM (CNAME ou clé fournis par la plateforme) : check-dns <domaine> --ip <IP d’envoi> montre ce qui manque.' },
  spf: { title: 'SPF valide', fix: 'Ajoutez le serveur d’envoi au SPF du domaine d’enveloppe (Return-Path) : check-dns <domaine> --ip <IP d’envoi> dit quel include ou ip4: manque.' },
  dkim: { title: 'DKIM valide', fix: 'Signez chaque message en DKIM pour votre domaine : publiez la clé ou les CNAME donnés par votre plateforme d’envoi et activez-y la signature.' },
  'dkim-key-size': { title: 'Clé DKIM de 1024 bits ou plus', fix: 'Générez une clé de 2048 bits, publiez-la sous un nouveau sélecteur, basculez la signature dessus, puis retirez l’ancienne clé.' },
  'dmarc-record': { title: 'Enregistrement DMARC (au moins p=none)', fix: 'Publiez un TXT en _dmarc.<domaine> : « v=DMARC1; p=none; rua=mailto:dmarc@<domaine> », puis lisez les rapports avant de durcir la politique.' },
  'dmarc-aligned': { title: 'DMARC valide (SPF ou DKIM aligné sur le From)', fix: 'Faites signer DKIM avec le domaine du From (les CNAME DKIM de la plateforme pour votre domaine), ou utilisez un Return-Path (domaine de rebond) sous votre domaine pour aligner SPF.' },
  ptr: { title: 'DNS inverse confirmé pour l’IP d’envoi', fix: 'Demandez à l’opérateur de l’IP d’envoi (hébergeur ou fournisseur de messagerie) un PTR nommant le serveur, ce nom pointant vers l’IP.' },
  'ptr-not-generic': { title: 'DNS inverse au nom de l’expéditeur, pas générique', fix: 'Demandez au propriétaire de l’IP un PTR sous votre domaine (mail.<domaine>) plutôt que le nom par défaut du fournisseur.' },
  tls: { title: 'Remis en TLS', fix: 'Activez STARTTLS (TLS opportuniste) pour l’envoi sur le serveur ou l’application qui envoie.' },
  format: { title: 'Format RFC 5322', fix: 'Corrigez l’application d’envoi : exactement un From, une Date et un Message-ID, aucun champ unique répété, des lignes d’en-tête repliées sous 998 caractères.' },
  'one-click': { title: 'Désabonnement en un clic (RFC 8058)', fix: 'Ajoutez « List-Unsubscribe: <https://...>, <mailto:...> » et « List-Unsubscribe-Post: List-Unsubscribe=One-Click », et incluez les deux dans la signature DKIM (h=) : les plateformes d’envoi ont une option pour cela.' },
  'list-unsubscribe': { title: 'List-Unsubscribe (un clic, ou mailto)', fix: 'Ajoutez un champ List-Unsubscribe avec une URI https: en un clic (et List-Unsubscribe-Post), ou au moins une adresse mailto:.' },
  'unsubscribe-link': { title: 'Lien de désinscription visible dans le corps', fix: 'Mettez un lien de désinscription bien visible dans le corps du message (le pied du modèle).' },
  'spam-rate': { title: 'Taux de plaintes sous 0,3 %', fix: 'Suivez le taux dans Google Postmaster Tools et Yahoo Sender Hub ; n’écrivez qu’aux personnes qui l’ont demandé et traitez les désinscriptions sous deux jours.' },
};

/** check-dns et inspect-headers --requirements, en français. */
export const requirementsFr: Translation<typeof requirementFindings> = {
  'requirements.not-met': {
    title: 'Une exigence d’envoi n’est pas remplie',
    message: (a) => `${RULE_WORDS_FR[a.rule].title} : non rempli, exigé par ${providerList(a.providers, 'gros expéditeurs')} : ${reasonText(a.evidence, 'fr')}.${a.codes.length ? ` Les refus la nomment ${a.codes.join(', ')}.` : ''}`,
    hint: (a) => RULE_WORDS_FR[a.rule].fix,
  },
  'requirements.unknown': {
    title: 'Des exigences d’envoi ne peuvent pas être jugées ici',
    message: (a) => `${a.rules.map((r) => RULE_WORDS_FR[r].title).join(' ; ')} (${providerList(a.providers, 'gros expéditeurs')}) : impossible à dire ici : ${reasonText(a.evidence, 'fr')}.`,
    hint: (a) =>
      `${PER_MESSAGE.has(a.evidence.code) ? 'Un message le montre : lancez maildiag inspect-headers --requirements sur un message envoyé à Gmail, Yahoo ou Outlook.com. ' : ''}${a.rules.length === 1 ? `En attendant, ce que la règle demande : ${RULE_WORDS_FR[a.rules[0]!].fix}` : `En attendant, suivez ce que chaque règle demande (docs/findings.md, « Sender requirements »).`}`,
  },
  'requirements.verdict': {
    title: 'Les exigences d’un fournisseur, en un verdict',
    message: (a) =>
      `${a.provider} (règles en vigueur depuis le ${a.since}, à jour au ${a.asOf}) : ${a.notMet.length ? `${a.notMet.length} non remplie${a.notMet.length > 1 ? 's' : ''} (${a.notMet.map((r) => RULE_WORDS_FR[r].title).join(' ; ')})` : 'rien ne manque'}, ${a.met} remplie${a.met > 1 ? 's' : ''}${a.unknown ? `, ${a.unknown} invisible${a.unknown > 1 ? 's' : ''} ici` : ''}${a.exempt ? `, ${a.exempt} sans objet pour ce message` : ''}.`,
    hint: (a) => (a.notMet.length ? `Corrigez les règles non remplies (leurs constats disent comment) ; un refus de ${a.provider} nomme la règle dans sa réponse.` : `Gardez cet état ; les règles invisibles ici se vérifient avec l’autre commande (check-dns ou inspect-headers --requirements).`),
  },
};
