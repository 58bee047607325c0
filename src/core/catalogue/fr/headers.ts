import type { Translation } from '../define.js';
import type { headerFindings } from '../headers.js';
import { explainAlignment } from '../alignment.js';
import { reasonText } from '../reason-words.js';

const duree = (ms: number) => (Math.abs(ms) >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1).replace('.', ',')} h` : Math.abs(ms) >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** inspect-headers, en français. */
export const headersFr: Translation<typeof headerFindings> = {
  'input.not-a-message': {
    title: "Ce n'est pas un e-mail",
    message: (a) =>
      `${a.source} n'est ni un e-mail ni un bloc d'en-têtes : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Donnez le fichier .eml, ou collez les en-têtes du message (« Afficher l'original » dans Gmail, « Afficher la source du message » dans Outlook, « Code source du message » dans Thunderbird).`,
  },
  'headers.too-large': {
    title: "Bloc d'en-têtes tronqué",
    message: (a) => `Le bloc d'en-têtes de ${a.source} dépasse ${Math.round(a.bytes / 1048576)} Mo et n'a été lu que jusque-là.`,
    hint: () => `Un tel bloc d'en-têtes est anormal : une boucle de messagerie, ou pas un e-mail.`,
  },
  'headers.is-bounce': {
    title: 'Le message est un rejet',
    message: (a) => `${a.source} est un rejet (un avis de non-remise), pas le message envoyé.`,
    hint: (a) => `Lancez maildiag bounce ${a.source} : il dit quel destinataire a échoué, sur quel serveur, pourquoi, et quoi changer.`,
  },
  'headers.no-received': {
    title: "Pas d'en-têtes Received",
    message: () => `Le message n'a aucun en-tête Received : impossible de retracer son trajet.`,
    hint: () => `Copiez les en-têtes complets du message tel que reçu (pas ceux d'un brouillon ni d'une copie envoyée).`,
  },
  'headers.received-unparsed': {
    title: 'En-tête Received illisible',
    message: (a) => `L'en-tête Received n° ${a.position} (depuis le haut) n'a pas pu être lu et est montré tel quel : ${a.raw.slice(0, 200)}`,
    hint: () => `Rien à corriger de votre côté ; le relais garde sa place dans le trajet.`,
  },
  'headers.clock-skew': {
    title: 'Une horloge est fausse',
    message: (a) => `Le passage ${a.from} → ${a.to ?? 'le serveur suivant'} est daté ${duree(-a.delayMs)} avant le précédent : l'horloge de l'un des serveurs est fausse.`,
    hint: () => `Les délais calculés à travers ce passage ne sont pas fiables. Le serveur à l'heure fausse devrait utiliser NTP.`,
  },
  'headers.slow-hop': {
    title: 'Le message a attendu en route',
    message: (a) => `Le message a attendu ${duree(a.delayMs)} entre ${a.from} et ${a.to ?? 'le serveur suivant'}.`,
    hint: () => `Une file d'attente, un greylisting ou un filtre l'a retenu : les journaux de ce serveur disent pourquoi.`,
  },
  'headers.missing-date': {
    title: 'Pas d’en-tête Date valide',
    message: (a) => (a.value === null ? `Le message n'a pas d'en-tête Date.` : `L'en-tête Date « ${a.value} » est illisible.`),
    hint: () => `L'application d'envoi doit ajouter un en-tête Date (RFC 5322 §3.6) ; les messages sans Date sont notés comme spam.`,
  },
  'headers.missing-message-id': {
    title: 'Pas de Message-ID',
    message: () => `Le message n'a pas d'en-tête Message-ID.`,
    hint: () => `L'application d'envoi devrait en ajouter un ; Gmail rejette les messages sans Message-ID depuis 2024.`,
  },
  'delivery.route': {
    title: 'Qui a remis le message',
    message: (a) =>
      `Remis par ${a.relay}${a.ip ? ` [${a.ip}]` : ''} à ${a.receiver ?? 'le serveur destinataire'}, après ${a.hops} relais${a.totalDelayMs !== null ? ` en ${duree(a.totalDelayMs)}` : ''}.`,
    hint: () => `Le relais nommé ici est celui que jugent les destinataires : c'est son IP qui compte pour SPF et la réputation.`,
  },
  'delivery.receiver-disagrees': {
    title: 'Le destinataire a jugé une autre adresse',
    message: (a) => `Le parcours désigne ${a.relay}${a.ip ? ` [${a.ip}]` : ''} comme relais de remise, mais le destinataire a noté ${a.receiverIp} comme client jugé (${a.source}).`,
    hint: () => `Un des relais n'est pas ce qu'il prétend (un relais interne au destinataire non reconnu comme tel, ou une ligne Received falsifiée) : indiquez les serveurs du destinataire avec --trusted, et fiez-vous à l'adresse notée par le destinataire pour SPF et la réputation.`,
  },
  'auth.spf-fail': {
    title: "SPF n'a pas réussi",
    message: (a) => `Le destinataire a noté SPF ${a.result} pour ${a.domain}${a.ip ? ` depuis ${a.ip}` : ''}.`,
    hint: (a) => `Ajoutez le serveur d'envoi${a.ip ? ` (${a.ip})` : ''} ou l'include de son fournisseur au SPF de ${a.domain} ; vérifiez avec maildiag check-dns ${a.domain}${a.ip ? ` --ip ${a.ip}` : ''}.`,
  },
  'auth.dkim-fail': {
    title: 'La signature DKIM ne se vérifie pas',
    message: (a) =>
      `La signature DKIM de ${a.domain} ${a.result === 'fail' ? 'ne se vérifie pas' : `est en ${a.result}`} : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Le message a été modifié après signature (pied de page, liste de diffusion, passerelle de sécurité) ou la clé publiée ne correspond pas : comparez la clé avec maildiag check-dns --dkim-selector.`,
  },
  'auth.dmarc-fail': {
    title: 'DMARC échoue',
    message: (a) => `DMARC échoue pour ${a.fromDomain} : ${explainAlignment(a, 'fr')}`,
    hint: (a) => `Faites signer le service d'envoi en DKIM avec ${a.fromDomain} (les CNAME donnés par votre fournisseur), ou envoyez avec une adresse de retour sous ${a.fromDomain}.`,
  },
  'auth.dmarc-pass': {
    title: 'DMARC réussit',
    message: (a) => `DMARC réussit pour ${a.fromDomain} : ${explainAlignment(a, 'fr')}`,
  },
  'auth.not-aligned': {
    title: "Un résultat n'est pas aligné",
    message: (a) => `${a.method} a réussi pour ${a.domain}, qui n'est pas aligné avec le domaine From ${a.fromDomain} ; DMARC repose sur l'autre méthode.`,
    hint: (a) =>
      a.method === 'SPF'
        ? `Normal pour l'adresse de retour d'une plateforme d'envoi ; une adresse de retour personnalisée sous ${a.fromDomain} l'alignerait aussi.`
        : `Demandez au service d'envoi de signer avec d=${a.fromDomain}.`,
  },
  'auth.no-results': {
    title: "Pas de résultats d'authentification du destinataire",
    message: (a) => `Le côté destinataire${a.receivers.length ? ` (${a.receivers.join(', ')})` : ''} n'a noté aucun Authentication-Results : SPF, DKIM et DMARC ne peuvent pas être lus dans ces en-têtes.`,
    hint: () => `Utilisez --verify pour vérifier maintenant les signatures DKIM et SPF par le DNS, ou vérifiez le domaine d'envoi avec maildiag check-dns.`,
  },
  'auth.arc': {
    title: 'Chaîne ARC',
    message: (a) => `Le message porte ${a.instances} jeu${a.instances === 1 ? '' : 'x'} ARC (scellé${a.instances === 1 ? '' : 's'} par ${a.sealers.join(', ') || 'des serveurs non nommés'}${a.cv ? `, dernier cv=${a.cv}` : ''}).`,
    hint: () => `ARC permet à un destinataire de se fier aux résultats d'authentification des intermédiaires qui ont transféré le message.`,
  },
  'auth.verify-result': {
    title: 'Revérifié maintenant',
    message: (a) => `${a.method} pour ${a.domain}, vérifié maintenant : ${a.now}${a.atDelivery ? ` (à la remise : ${a.atDelivery})` : ''}.`,
    hint: () => `Les clés changent et les enregistrements évoluent : un résultat d'aujourd'hui peut légitimement différer de celui de la remise.`,
  },
  'ms.verdict': {
    title: 'Verdict de Microsoft 365',
    message: (a) => `Filtrage de Microsoft 365 : ${a.summary}.`,
    hint: (a) => (a.spam ? `Microsoft 365 l'a classé comme spam ou envoi en nombre : les champs ci-dessus disent pourquoi ; un administrateur peut le libérer ou ajouter une autorisation dans la liste d'autorisation du locataire.` : `Rien à faire : Microsoft 365 l'a laissé passer.`),
  },
  'forwarding.auto': {
    title: 'Transfert automatique',
    message: (a) => `Le message a été transféré automatiquement (${a.evidence.join(' ; ')}) ; l'expéditeur d'origine est conservé.`,
    hint: () => `Utilisable tel quel : le From est celui de l'expéditeur d'origine. SPF peut échouer chez le destinataire final si le transfert ne réécrit pas l'enveloppe (SRS) ou si ARC n'est pas reconnu.`,
  },
  'forwarding.inline': {
    title: 'Transfert manuel',
    message: (a) => `Le message a été transféré à la main, en « TR: »/« Fwd: » dans le corps (${a.evidence.join(' ; ')})${a.subjectOnly ? ", d'après l'objet seulement" : ''} : le From est la personne qui l'a transféré, l'expéditeur d'origine est perdu.`,
    hint: () => `Un service qui doit traiter l'expéditeur d'origine a besoin d'un transfert automatique (règle de transfert ou redirection), pas du bouton Transférer.`,
  },
  'expect.relay-seen': {
    title: 'Passé par le relais attendu',
    message: (a) => `Oui : le message est passé par ${a.relay} (${a.hop}).`,
  },
  'expect.relay-missing': {
    title: 'Pas passé par le relais attendu',
    message: (a) => `Non : le message n'est pas passé par ${a.relay} ; il est passé par ${a.relays.join(' → ') || 'aucun relais nommé'}.`,
    hint: () => `L'application envoie encore par un autre serveur : vérifiez ses paramètres SMTP (hôte, port, identifiant) et qu'elle a été redémarrée depuis.`,
  },
  'expect.from-match': {
    title: "Envoyé avec l'expéditeur attendu",
    message: (a) => `Oui : le From est ${a.from}, comme attendu (${a.expected}).`,
  },
  'expect.from-mismatch': {
    title: "Pas envoyé avec l'expéditeur attendu",
    message: (a) => `Non : le From est ${a.from || 'absent'}, pas ${a.expected}.`,
    hint: () => `Le serveur a peut-être remplacé l'expéditeur par l'adresse de l'identifiant (pas de droit « envoyer en tant que »), ou l'application utilise un autre paramètre d'expéditeur.`,
  },
};
