import type { Translation } from '../define.js';
import type { bounceFindings } from '../bounce.js';
import { meaningOf } from '../bounce.js';
import type { BounceReason, ProviderCodeId, Side } from '../../bounce-reasons.js';

/** Chaque raison en français : son nom, et quoi changer. */
export const BOUNCE_REASON_WORDS_FR: Record<BounceReason, { title: string; fix: string }> = {
  'user-unknown': { title: 'l’adresse n’existe pas', fix: 'Vérifiez l’orthographe de l’adresse avec son titulaire et retirez-la de vos listes : réécrire à des adresses inconnues nuit à votre réputation.' },
  'mailbox-full': { title: 'la boîte aux lettres est pleine', fix: 'Rien à changer de votre côté : le destinataire doit libérer de la place. Réessayez plus tard ou joignez-le autrement.' },
  'mailbox-disabled': { title: 'la boîte aux lettres est désactivée', fix: 'Le compte est fermé ou suspendu : retirez-le de vos listes et demandez une adresse à jour.' },
  'domain-not-found': { title: 'le domaine du destinataire n’existe pas ou ne reçoit pas de courrier', fix: 'Vérifiez le domaine (faute de frappe : gmial.com, orage.fr) ; s’il est juste, son propriétaire doit publier des MX.' },
  'host-unreachable': { title: 'le serveur du destinataire est injoignable', fix: 'Souvent passager ; si cela dure, les MX du domaine destinataire sont en panne ou refusent les connexions : leur administrateur doit agir.' },
  'blocked-ip': { title: 'l’IP d’envoi est bloquée', fix: 'Vérifiez l’IP citée dans le rejet (listes de blocage, DNS inverse), arrêtez ce qui a envoyé du spam, puis demandez le retrait (le fournisseur cité a un formulaire).' },
  'blocked-content': { title: 'le message a été refusé comme spam ou pour son contenu', fix: 'Regardez ce que porte le message (liens, pièces jointes, formulation, URL raccourcie) ; n’écrivez qu’à ceux qui l’ont demandé ; vérifiez que SPF, DKIM et DMARC réussissent.' },
  'policy-dmarc': { title: 'le message échoue à la politique DMARC du domaine expéditeur', fix: 'Faites réussir SPF ou DKIM, alignés sur le domaine du From, pour le serveur qui a envoyé : autorisez-le dans le SPF ou signez en DKIM pour votre domaine.' },
  'policy-spf': { title: 'SPF n’autorise pas le serveur d’envoi', fix: 'Ajoutez le serveur d’envoi (l’IP citée dans le rejet, ou l’include: de sa plateforme) au SPF du domaine d’enveloppe.' },
  'policy-dkim': { title: 'la signature DKIM manque ou ne se vérifie pas', fix: 'Activez la signature DKIM pour votre domaine sur la plateforme d’envoi et publiez sa clé (ou ses CNAME) ; vérifiez que rien ne modifie le message après signature.' },
  'policy-ptr': { title: 'l’IP d’envoi n’a pas de DNS inverse valide', fix: 'Demandez à l’opérateur de l’IP d’envoi un PTR nommant le serveur, ce nom pointant vers l’IP.' },
  'policy-auth': { title: 'le message n’est pas assez authentifié pour le destinataire', fix: 'Publiez SPF, signez en DKIM et publiez DMARC (au moins p=none), alignés sur le domaine du From.' },
  'auth-required': { title: 'le serveur exige une connexion (SMTP AUTH) pour envoyer', fix: 'Configurez l’application avec l’identifiant et le mot de passe du compte (ou OAuth), sur le port 587 avec STARTTLS ou 465 avec TLS.' },
  'rate-limited': { title: 'trop de messages trop vite : le destinataire vous ralentit', fix: 'Envoyez plus lentement et étalez le volume ; le serveur d’envoi réessaie de lui-même. Si cela dure, vérifiez plaintes et réputation.' },
  'message-too-large': { title: 'le message est trop gros', fix: 'Envoyez les gros fichiers par un lien de téléchargement, pas en pièce jointe (la plupart des destinataires refusent au-delà de 20 à 35 Mo).' },
  expired: { title: 'le message n’a pas pu être remis à temps et a été abandonné', fix: 'Le serveur du destinataire ne l’a pas accepté pendant des jours : vérifiez ses MX, puis renvoyez.' },
  'relay-denied': { title: 'le serveur refuse de relayer le message', fix: 'Envoyez par votre propre serveur d’envoi avec identifiant (SMTP AUTH), pas par le serveur du destinataire ni un serveur ouvert.' },
  'security-tls': { title: 'le chiffrement TLS était exigé et n’a pas été utilisé', fix: 'Activez STARTTLS (ou TLS sur le port 465) sur le serveur ou l’application d’envoi.' },
  'sender-rejected': { title: 'l’adresse d’expéditeur a été refusée', fix: 'Utilisez une adresse d’un domaine qui est le vôtre, vérifiée sur la plateforme d’envoi, avec SPF, DKIM et DMARC en place.' },
  delayed: { title: 'la remise est retardée, elle est encore tentée', fix: 'Rien à faire pour l’instant : le serveur réessaie. S’il échoue finalement, un rejet suivra.' },
  other: { title: 'le destinataire a refusé le message', fix: 'Lisez les mots du destinataire dans le diagnostic ; le code et la page du fournisseur en disent plus.' },
};

/** Ce que signifie le code de chaque fournisseur. */
export const PROVIDER_CODE_WORDS_FR: Record<ProviderCodeId, string> = {
  'gmail-5.7.25': 'l’IP d’envoi n’a pas d’enregistrement PTR (DNS inverse)',
  'gmail-5.7.26': 'le message échoue à la politique DMARC du domaine expéditeur',
  'gmail-5.7.26-2': 'le message n’a réussi ni SPF ni DKIM (Gmail exige l’un des deux)',
  'gmail-x.7.27': 'SPF ne réussit pas pour l’IP d’envoi (exigé des gros expéditeurs)',
  'gmail-x.7.29': 'le message est arrivé sans TLS, que Gmail exige',
  'gmail-x.7.30': 'DKIM ne réussit pas (exigé des gros expéditeurs)',
  'gmail-4.7.32': 'le domaine du From n’est aligné ni sur le domaine SPF ni sur le domaine DKIM',
  'gmail-4.7.28': 'taux inhabituel de courrier non sollicité depuis l’IP ou le domaine d’envoi',
  'gmail-4.2.1': 'le destinataire reçoit trop de courrier trop vite : réessayez plus tard',
  'gmail-5.7.1': 'Gmail a jugé le message indésirable',
  'gmail-5.7.1-2': 'l’IP ou le domaine d’envoi a une mauvaise réputation chez Gmail',
  'gmail-5.2.1': 'le compte Gmail est désactivé',
  'microsoft-5.7.515': 'le domaine d’envoi n’atteint pas le niveau d’authentification exigé par Outlook.com (SPF, DKIM et DMARC pour les gros expéditeurs)',
  'microsoft-5.7.509': 'le message échoue à la politique DMARC du domaine expéditeur (p=reject)',
  'microsoft-5.7.708': 'trafic refusé depuis cette IP : un locataire Microsoft 365 nouveau ou de faible réputation, qui envoie depuis le pool à risque',
  'microsoft-5.7.6xx': 'l’IP d’envoi est sur la liste de blocage de Microsoft',
  'microsoft-5.7.750': 'le domaine d’envoi n’est pas enregistré (non vérifié) dans le locataire Microsoft 365',
  'microsoft-5.7.57': 'le client ne s’est pas authentifié pour envoyer par Microsoft 365 (SMTP AUTH manquant)',
  'microsoft-5.7.139': 'SMTP AUTH est désactivé pour la boîte ou le locataire',
  'microsoft-5.1.10': 'le destinataire n’existe pas dans l’organisation Microsoft 365 destinataire',
  'microsoft-5.4.1': 'l’adresse du destinataire n’existe pas dans l’organisation Microsoft 365 destinataire (blocage sur annuaire)',
  'microsoft-5.7.1': 'l’IP d’envoi est sur une liste de blocage qu’utilise Microsoft',
  'microsoft-5.7.1-2': 'le serveur refuse de relayer vers ce domaine (pas authentifié, ou mauvais serveur)',
  'microsoft-5.7.124': 'l’expéditeur n’est pas autorisé à écrire à ce groupe ou cette liste de distribution',
  'microsoft-5.7.13x': 'le groupe ou la boîte n’accepte que des expéditeurs authentifiés ou autorisés de son organisation',
  'microsoft-5.7.50x': 'Microsoft a détecté du spam ou un abus depuis le compte d’envoi : il est bloqué',
  'microsoft-5.7.510': 'l’organisation destinataire n’accepte pas le courrier de cet expéditeur en IPv6 (pas de PTR ni de SPF pour l’adresse IPv6)',
  'microsoft-5.7.511': 'l’IP ou le domaine d’envoi est banni par Microsoft (demandez le retrait sur sender.office.com)',
  'microsoft-5.7.512': 'le message n’est pas conforme à la RFC 5322 (champ From absent ou mal formé)',
  'microsoft-5.7.7xx': 'le locataire Microsoft 365 est bloqué à l’envoi (limites dépassées, ou spam suspecté)',
  'microsoft-4.4.7': 'le message est resté trop longtemps dans la file de Microsoft : le serveur destinataire ne l’a pas accepté à temps',
  'yahoo-ts01-ts04': 'Yahoo diffère temporairement le courrier de l’IP d’envoi (volume inattendu ou plaintes) : ralentissez et réessayez',
  'yahoo-ts03': 'Yahoo diffère définitivement le courrier de l’IP d’envoi (mauvaise réputation)',
  'yahoo-ts02': 'Yahoo a différé le message (trafic inhabituel)',
  'yahoo-ph01': 'Yahoo a refusé le message pour raison de politique (contenu, liens ou réputation)',
};

/** RFC 3463 §3, en français. */
const ENHANCED_CODES_FR: Record<string, string> = {
  '0.0': 'autre état non défini',
  '1.0': 'autre état d’adresse',
  '1.1': 'adresse de boîte de destination invalide',
  '1.2': 'adresse du système de destination invalide',
  '1.3': 'syntaxe de l’adresse de destination invalide',
  '1.4': 'adresse de destination ambiguë',
  '1.6': 'la boîte de destination a changé, sans adresse de suivi',
  '1.7': 'syntaxe de l’adresse d’expéditeur invalide',
  '1.8': 'adresse du système expéditeur invalide',
  '1.10': 'l’adresse du destinataire a un MX nul (RFC 7505)',
  '2.0': 'autre état de boîte, non défini',
  '2.1': 'boîte désactivée, n’accepte pas de messages',
  '2.2': 'boîte pleine',
  '2.3': 'la taille du message dépasse la limite administrative',
  '2.4': 'problème d’expansion de liste de diffusion',
  '3.0': 'autre état du système de messagerie, non défini',
  '3.1': 'système de messagerie plein',
  '3.2': 'le système n’accepte pas de messages du réseau',
  '3.4': 'message trop gros pour le système',
  '4.0': 'autre état réseau ou de routage, non défini',
  '4.1': 'pas de réponse de l’hôte',
  '4.2': 'mauvaise connexion',
  '4.3': 'panne du serveur d’annuaire',
  '4.4': 'routage impossible',
  '4.6': 'boucle de routage détectée',
  '4.7': 'délai de remise expiré',
  '5.0': 'autre état du protocole, non défini',
  '5.3': 'trop de destinataires',
  '6.0': 'autre erreur de contenu, non définie',
  '7.0': 'autre état de sécurité, non défini',
  '7.1': 'remise non autorisée, message refusé',
  '7.8': 'identifiants d’authentification invalides',
  '7.9': 'mécanisme d’authentification trop faible',
  '7.10': 'chiffrement nécessaire',
  '7.11': 'chiffrement exigé pour ce mécanisme d’authentification',
  '7.23': 'échec de la validation SPF (RFC 7372)',
  '7.24': 'erreur de validation SPF (RFC 7372)',
  '7.25': 'échec de la validation du DNS inverse (RFC 7372)',
  '7.26': 'plusieurs contrôles d’authentification ont échoué (RFC 7372)',
  '7.27': 'l’adresse d’expéditeur a un MX nul (RFC 7505)',
};

const SIDE_FR: Record<Side, string> = {
  'sender-domain': 'le domaine expéditeur (son DNS : SPF, DKIM, DMARC)',
  'sender-server': 'le serveur ou l’application d’envoi',
  recipient: 'le côté du destinataire',
  nobody: 'personne pour l’instant (passager : c’est réessayé)',
};
const KIND_FR = { hard: 'échec définitif', soft: 'échec temporaire', delayed: 'retardé', delivered: 'remis' } as const;

/** maildiag bounce, en français. */
export const bounceFr: Translation<typeof bounceFindings> = {
  'bounce.recipient': {
    title: 'Un destinataire a rejeté le message',
    message: (a) =>
      `${a.recipient} : ${BOUNCE_REASON_WORDS_FR[a.reason].title} (${KIND_FR[a.severity]}${a.status ? `, ${a.status}${meaningOf(a.status, ENHANCED_CODES_FR)}` : a.smtpCode ? `, ${a.smtpCode}` : ''}${a.provider && a.providerCode ? ` ; ${a.provider} : ${PROVIDER_CODE_WORDS_FR[a.providerCode]}` : ''})${a.remoteMta ? `, signalé par ${a.remoteMta}` : ''}${a.diagnostic ? ` : « ${a.diagnostic.slice(0, 300)} »` : ''}${a.willRetryUntil ? ` ; réessayé jusqu’au ${a.willRetryUntil}` : ''}.`,
    hint: (a) => `Qui doit agir : ${SIDE_FR[a.side]}. ${BOUNCE_REASON_WORDS_FR[a.reason].fix}${a.next ? ` Ensuite : ${a.next}` : ''}`,
  },
  'bounce.original': {
    title: 'Le message rejeté',
    message: (a) => `Le message rejeté : de ${a.from ?? 'un expéditeur inconnu'}${a.subject ? `, « ${a.subject} »` : ''}${a.messageId ? `, ${a.messageId}` : ''}${a.lastRelay ? `, traité en dernier par ${a.lastRelay}` : ''}.`,
    hint: () => `Lancez maildiag inspect-headers sur le message joint au rejet pour voir tout son trajet.`,
  },
  'bounce.of-a-bounce': {
    title: 'Le rejet d’un rejet',
    message: (a) => `Le message en échec était lui-même un rejet (de ${a.from}) : c’est un avis de non-remise qui n’a pas pu être renvoyé, aucun message n’est perdu.`,
    hint: () => `Vérifiez que les messages d’origine portent un Return-Path qui reçoit le courrier (pas une adresse no-reply qui le refuse), pour que leurs rejets vous parviennent.`,
  },
  'bounce.not-a-bounce': {
    title: 'Ce n’est pas un rejet',
    message: (a) => `${a.source} n’est pas un rejet : aucun état de remise, et ni son expéditeur ni son objet ne sont ceux d’un rejet.`,
    hint: () => `Pour un message reçu, lancez maildiag inspect-headers ; pour un refus dans un journal, collez la ligne avec son code (par exemple « 550 5.7.26 ... »).`,
  },
  'bounce.no-recipient': {
    title: 'Un rejet que maildiag ne sait pas lire',
    message: (a) => `${a.source} ressemble à un rejet, mais ne nomme aucun destinataire en échec ni aucun code SMTP lisible.`,
    hint: () => `Cherchez-y la réponse du serveur (une ligne avec un code comme « 550 5.1.1 ») et lancez maildiag bounce sur cette ligne.`,
  },
};
