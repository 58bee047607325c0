import type { Translation } from '../define.js';
import type { smtpFindings } from '../smtp.js';
import type { AuthCause } from '../smtp.js';
import { reasonText } from '../reason-words.js';

/** smtp-test, en français. */
export const smtpFr: Translation<typeof smtpFindings> = {
  'smtp.dns-failed': {
    title: 'Le nom du serveur SMTP ne se résout pas',
    message: (a) => `Le nom ${a.host} ne se résout pas (${reasonText(a.reason, 'fr')}).`,
    hint: () => `Vérifiez l'orthographe du serveur SMTP dans les paramètres (par exemple smtp.office365.com, smtp.gmail.com, ssl0.ovh.net).`,
  },
  'smtp.connect-refused': {
    title: 'Connexion refusée',
    message: (a) => `${a.server} a refusé la connexion (${a.reason}) : rien n'écoute sur ce port, ou un pare-feu la rejette.`,
    hint: () => `Vérifiez le port : 587 (STARTTLS) et 465 (SSL/TLS) sont les ports de soumission ; 25 sert entre serveurs.`,
  },
  'smtp.connect-timeout': {
    title: 'Délai de connexion dépassé',
    message: (a) => `Aucune réponse de ${a.server} en ${a.seconds} s : la connexion a été silencieusement bloquée.`,
    hint: (a) =>
      a.port === 25
        ? `Le port 25 sortant est bloqué par la plupart des FAI et des clouds (AWS, Azure, GCP, OVH…). Utilisez le port de soumission 587 (STARTTLS) ou 465 (SSL/TLS) avec un identifiant.`
        : `Un pare-feu entre cette machine et le serveur bloque le trafic : demandez l'ouverture du port ${a.port} sortant, ou essayez 587 / 465.`,
  },
  'smtp.greeting-timeout': {
    title: "Pas de message d'accueil SMTP",
    message: (a) => `${a.server} a accepté la connexion mais n'a envoyé aucun accueil SMTP en ${a.seconds} s.`,
    hint: () => `Le serveur est surchargé, ou ce port attend autre chose (TLS dès le premier octet sur 465 : essayez --security tls).`,
  },
  'smtp.greeting-refused': {
    title: 'Le serveur refuse la session',
    message: (a) => `${a.server} a répondu ${a.code} à la connexion : ${a.reply}`,
    hint: () => `Le serveur refuse les connexions depuis cette adresse (trop de connexions, ou liste de blocage). Réessayez plus tard, ou depuis le serveur de l'application.`,
  },
  'smtp.protocol-error': {
    title: 'Ce n’est pas une réponse SMTP',
    message: (a) => `Pendant l'étape ${a.phase}, ${a.server} a répondu quelque chose qui n'est pas du SMTP : ${a.reply}`,
    hint: () => `Vérifiez l'hôte et le port : c'est peut-être un autre service (HTTP, POP3, IMAP) ou un proxy.`,
  },
  'smtp.connection-lost': {
    title: 'Connexion perdue',
    message: (a) => `${a.server} a fermé la connexion pendant l'étape ${a.phase} (${a.reason}).`,
    hint: () => `Les serveurs coupent sans réponse les sessions qu'ils refusent (limites de débit, listes de blocage, politique TLS). Réessayez ; si cela persiste, consultez les journaux du serveur pour cette adresse cliente.`,
  },
  'smtp.tls-mode-mismatch': {
    title: 'Le mode SSL/TLS ne correspond pas au port',
    message: (a) => `${a.server} parle ${a.speaks === 'implicit TLS' ? 'TLS implicite (SSL/TLS dès la connexion)' : 'SMTP en clair (avec STARTTLS)'}, pas ce qui a été configuré.`,
    hint: (a) =>
      a.speaks === 'implicit TLS'
        ? `Choisissez « SSL/TLS » (TLS implicite, ${a.use}) dans les paramètres ; le port 465 fonctionne ainsi.`
        : `Choisissez « STARTTLS » (${a.use}) dans les paramètres ; les ports 587 et 25 fonctionnent ainsi, 465 utilise SSL/TLS.`,
  },
  'smtp.tls-failed': {
    title: 'Échec de la négociation TLS',
    message: (a) => `La négociation TLS avec ${a.server} a échoué : ${a.reason}.`,
    hint: () => `Le serveur et ce client n'ont aucune version ni suite de chiffrement en commun, ou la négociation a été coupée. Demandez à l'administrateur du serveur quelles versions TLS il accepte (1.2 ou 1.3 attendues).`,
  },
  'smtp.tls-ok': {
    title: 'Chiffrement TLS et certificat valides',
    message: (a) => `${a.server} : ${a.protocol} (${a.cipher}), certificat de confiance, valide encore ${a.daysLeft} jours.`,
  },
  'smtp.cert-untrusted': {
    title: 'Certificat non reconnu',
    message: (a) => `Le certificat de ${a.server} n'est pas reconnu (${a.reason === 'self-signed' ? 'auto-signé' : a.reason} ; émis par ${a.issuer}).`,
    hint: (a) =>
      a.insecure
        ? `Poursuivi grâce à --insecure, mais les applications vérifient les certificats : installez un certificat d'une autorité publique (Let's Encrypt…), ou fournissez l'autorité privée à l'application.`
        : `Un client qui vérifie les certificats refusera ce serveur, et le mot de passe n'a pas été envoyé. Installez un certificat d'une autorité publique, fournissez l'autorité privée avec --ca, ou --insecure pour tester au-delà.`,
  },
  'smtp.cert-expired': {
    title: 'Certificat expiré',
    message: (a) => `Le certificat de ${a.server} a expiré le ${a.validTo}.`,
    hint: () => `Les clients refusent les certificats expirés : renouvelez-le sur le serveur (et vérifiez son renouvellement automatique).`,
  },
  'smtp.cert-expiring': {
    title: 'Le certificat expire bientôt',
    message: (a) => `Le certificat de ${a.server} expire dans ${a.daysLeft} jours (${a.validTo}).`,
    hint: () => `Renouvelez-le d'ici là, sinon les envois s'arrêteront à son expiration.`,
  },
  'smtp.cert-hostname-mismatch': {
    title: 'Le certificat est pour un autre nom',
    message: (a) => `Le certificat de ${a.server} est pour ${a.names.join(', ') || 'aucun nom'}, pas pour ${a.servername}.`,
    hint: (a) => `Utilisez l'un des noms du certificat comme hôte SMTP dans les paramètres (par exemple ${a.names.find((n) => !n.startsWith('*')) ?? a.names[0] ?? 'le nom du certificat'}), ou --servername pour tester avec.`,
  },
  'smtp.tls-outdated': {
    title: 'Version TLS obsolète',
    message: (a) => `${a.server} a négocié ${a.protocol}, obsolète depuis 2021 (RFC 8996).`,
    hint: () => `Les clients récents refusent TLS 1.0 et 1.1 : activez TLS 1.2 ou 1.3 sur le serveur.`,
  },
  'smtp.starttls-missing': {
    title: 'Pas de STARTTLS',
    message: (a) => `${a.server} ne propose pas STARTTLS : la session${a.required ? ' ne peut pas être chiffrée, comme --require-tls le demande' : ', mot de passe compris, circule en clair'}.`,
    hint: () => `Activez STARTTLS sur le serveur, ou utilisez son port SSL/TLS (465) s'il en a un.`,
  },
  'smtp.starttls-refused': {
    title: 'STARTTLS proposé, puis refusé',
    message: (a) => `${a.server} propose STARTTLS mais l'a refusé : ${a.code} ${a.reply}. La session est restée non chiffrée.`,
    hint: () => `Le serveur ne peut pas démarrer TLS pour l'instant (un certificat ou une clé manquant ou illisible est la cause habituelle du 454 « TLS not available ») : son administrateur doit vérifier la configuration TLS et les journaux. En attendant, utilisez son port SSL/TLS (465) s'il en a un.`,
  },
  'smtp.tls-required': {
    title: 'TLS exigé mais absent',
    message: (a) => `--require-tls : la session avec ${a.server} n'est pas chiffrée, rien n'a donc été envoyé après EHLO (ni identifiant, ni expéditeur).`,
    hint: () => `Utilisez --security tls (port 465) ou un serveur qui propose STARTTLS.`,
  },
  'smtp.auth-cleartext': {
    title: 'AUTH proposé sans chiffrement',
    message: (a) => `${a.server} propose AUTH (${a.mechanisms.join(', ')}) sur une session non chiffrée : un mot de passe envoyé à ce moment circule en clair.`,
    hint: () => `Utilisez STARTTLS ou SSL/TLS pour que le mot de passe soit chiffré ; le serveur ne devrait proposer AUTH qu'après TLS.`,
  },
  'smtp.auth-cleartext-blocked': {
    title: "Identifiant non envoyé : la session n'est pas chiffrée",
    message: (a) => `La session avec ${a.server} n'est pas chiffrée : le mot de passe de ${a.user} aurait circulé en clair, maildiag ne l'a donc pas envoyé (ni rien d'autre après EHLO).`,
    hint: () => `Utilisez STARTTLS sur le port 587 (--security starttls) ou SSL/TLS sur le port 465 (--security tls), et configurez l'application de la même façon. Seulement pour tester un serveur sur un réseau de confiance, ajoutez --allow-cleartext-auth.`,
  },
  'smtp.auth-unsupported': {
    title: "Le serveur ne propose pas d'authentification utilisable",
    message: (a) => `${a.server} ne propose pas ${a.offered.length ? `de méthode d'authentification utilisable par maildiag (il propose ${a.offered.join(', ')})` : "d'AUTH du tout sur cette session"} : l'identifiant et le mot de passe ne peuvent pas être vérifiés.`,
    hint: () => `Beaucoup de serveurs ne proposent AUTH qu'après STARTTLS, ou seulement sur les ports 587/465 ; le port 25 n'accepte généralement pas d'identifiant. Vérifiez le port et le chiffrement.`,
  },
  'smtp.auth-ok': {
    title: 'Identifiant accepté',
    message: (a) => `${a.server} a accepté l'identifiant ${a.user} (${a.mechanism}).`,
  },
  'smtp.auth-failed': {
    title: 'Identifiant refusé',
    message: (a) => `${a.server} a refusé l'identifiant ${a.user} : ${a.code} ${a.reply}`,
    hint: (a) => AUTH_CAUSES_FR[a.cause],
  },
  'smtp.auth-basic-disabled': {
    title: 'Connexion par mot de passe désactivée (Microsoft 365)',
    message: (a) => `${a.server} a refusé le mot de passe de ${a.user} : l'authentification de base est désactivée pour l'envoi SMTP (${a.code} ${a.reply}).`,
    hint: () =>
      `Microsoft 365 désactive par défaut l'authentification de base pour SMTP dans les locataires existants fin décembre 2026 (jamais activée pour les nouveaux ; suppression définitive annoncée pour le second semestre 2027). 535 5.7.139 : désactivée pour le locataire (valeur par défaut, ou paramètres de sécurité par défaut) ou « SMTP authentifié » désactivé pour la boîte ; 550 5.7.30 : supprimée. Passez l'application à OAuth 2.0 (un jeton d'accès pour https://outlook.office.com/SMTP.Send ; testez-le avec --oauth2-token-env ou --oauth2-token-cmd), ou envoyez par un connecteur Exchange ou un relais (relais SMTP sur le port 25 depuis votre IP, ou un service d'envoi).`,
  },
  'smtp.oauth2-failed': {
    title: 'Jeton OAuth 2.0 refusé',
    message: (a) =>
      `${a.server} a refusé la connexion ${a.mechanism} de ${a.user} : ${a.code} ${a.reply}${a.status ? ` (le serveur indique : statut ${a.status}${a.status === '401' ? ', le jeton est invalide ou a expiré' : a.status === '400' ? ', la requête est mal formée' : ''}${a.scope ? ` ; il attend la portée ${a.scope}` : ''})` : ''}.`,
    hint: (a) =>
      `Obtenez un nouveau jeton d'accès${a.scope ? ` pour la portée ${a.scope}` : ' (Microsoft 365 : portée https://outlook.office.com/SMTP.Send ; Google : https://mail.google.com/)'}, émis pour ${a.user}. Microsoft 365 demande aussi que « SMTP authentifié » soit autorisé pour la boîte, et pour un jeton d'application que le principal de service soit enregistré dans Exchange Online avec le droit « Envoyer en tant que » sur la boîte.`,
  },
  'smtp.oauth2-token': {
    title: "Le jeton d'accès ne permet pas d'envoyer ce message",
    message: (a) =>
      ({
        expired: `Le jeton d'accès a expiré le ${a.detail}.`,
        audience: `Le jeton d'accès est destiné à ${a.detail}, pas à SMTP (Microsoft 365 : https://outlook.office.com).`,
        scope: `Le jeton d'accès ne porte pas la permission SMTP (il a : ${a.detail}).`,
        user: `Le jeton d'accès a été émis pour ${a.detail}, pas pour l'identifiant ${a.user}.`,
      })[a.problem],
    hint: (a) =>
      ({
        expired: `Un jeton d'accès dure environ une heure : l'application doit en obtenir un nouveau (avec son jeton de rafraîchissement ou ses identifiants client) avant chaque session.`,
        audience: `Demandez un jeton pour la portée https://outlook.office.com/SMTP.Send (délégué) ou https://outlook.office.com/.default (application), pas pour Microsoft Graph.`,
        scope: `Accordez à l'application la permission SMTP.Send (déléguée) ou SMTP.SendAsApp (application) dans Microsoft Entra, avec le consentement administrateur, puis obtenez un nouveau jeton.`,
        user: `Utilisez comme --user la boîte pour laquelle le jeton a été émis, ou obtenez un jeton pour ${a.user}.`,
      })[a.problem],
  },
  'smtp.auth-skipped': {
    title: "Pas d'identifiant fourni",
    message: (a) => `Pas de --user : la session avec ${a.server} a continué sans AUTH.`,
    hint: () => `Donnez --user et le mot de passe (--password-env VAR) pour vérifier le compte lui-même.`,
  },
  'smtp.sender-accepted': {
    title: 'Expéditeur accepté',
    message: (a) => `${a.server} accepte les messages de ${a.from}.`,
  },
  'smtp.sender-rejected': {
    title: 'Expéditeur refusé',
    message: (a) => `${a.server} refuse d'envoyer au nom de ${a.from}${a.user ? ` pour l'identifiant ${a.user}` : ''} (à ${a.command}) : ${a.code} ${a.reply}`,
    hint: (a) =>
      a.user
        ? `Le compte ne peut envoyer qu'avec sa propre adresse. Soit autorisez ${a.user} à « envoyer en tant que » ${a.from} sur le serveur (Microsoft 365 : autorisation Send As ; Google : ajoutez l'adresse comme alias), soit envoyez depuis ${a.user} avec ${a.from} en « Répondre à » (Reply-To) pour que les réponses lui parviennent.`
        : `Le serveur n'accepte pas cet expéditeur : vérifiez l'adresse, ou connectez-vous avec un compte autorisé à envoyer en son nom.`,
  },
  'smtp.recipient-rejected': {
    title: 'Destinataire refusé',
    message: (a) => `${a.server} refuse le destinataire ${a.to} : ${a.code} ${a.reply}`,
    hint: () => `« Relay access denied » signifie que le serveur refuse de relayer vers l'extérieur pour cette session : authentifiez-vous (AUTH) d'abord, ou utilisez le port de soumission 587/465. Sinon, vérifiez l'adresse.`,
  },
  'smtp.recipient-accepted': {
    title: 'Destinataire accepté',
    message: (a) => `${a.server} accepte les messages pour ${a.to} (rien n'a été envoyé : la session a été réinitialisée avant DATA).`,
  },
  'smtp.message-accepted': {
    title: 'Message de test accepté',
    message: (a) => `${a.server} a accepté le message de test pour ${a.to}${a.queueId ? ` (identifiant de file ${a.queueId})` : ''} : ${a.reply}`,
  },
  'smtp.message-rejected': {
    title: 'Message de test refusé',
    message: (a) => `${a.server} a refusé le message de test pour ${a.to} après DATA : ${a.code} ${a.reply}`,
    hint: () => `Le serveur contrôle le contenu ou l'en-tête From après DATA (Microsoft 365 refuse un From que l'identifiant ne peut pas utiliser avec 554 5.2.252 SendAsDenied).`,
  },
  'smtp.password-visible': {
    title: 'Mot de passe passé en ligne de commande',
    message: () => `Le mot de passe a été donné avec --password : les autres utilisateurs de cette machine peuvent le lire dans la liste des processus, et il reste dans l'historique du shell.`,
    hint: () => `Utilisez --password-env VAR, --password-stdin, ou la saisie masquée.`,
  },
  'config.multiple-defaults': {
    title: 'Plusieurs comptes par défaut',
    message: (a) => `${a.file} : ${a.names.length} profils sont marqués par défaut (${a.names.join(', ')}) ; un seul peut l'être.`,
    hint: () => `Gardez « default »: true sur le compte que l'application doit utiliser partout, et retirez-le des autres.`,
  },
  'config.no-default': {
    title: 'Pas de compte par défaut',
    message: (a) => `${a.file} : aucun profil actif n'est marqué par défaut, l'application n'a pas d'expéditeur pour les messages qui n'en précisent pas.`,
    hint: () => `Marquez un profil actif « default »: true.`,
  },
  'config.default-inactive': {
    title: 'Le compte par défaut est inactif',
    message: (a) => `${a.file} : le profil par défaut ${a.name} est inactif, les messages qui comptent sur le compte par défaut n'en ont pas.`,
    hint: () => `Activez-le, ou désignez un profil actif comme compte par défaut.`,
  },
  'config.profile-skipped': {
    title: 'Profil inactif ignoré',
    message: (a) => `Le profil ${a.name} est inactif : non testé.`,
    hint: () => `Mettez « active »: true pour le tester.`,
  },
};

/** Que changer, pour chaque cause connue d'un identifiant refusé. */
const AUTH_CAUSES_FR: Record<AuthCause, string> = {
  'm365-basic-auth-disabled': "Microsoft 365 n'accepte plus de mot de passe pour SMTP ici : connectez-vous avec OAuth 2.0 (--oauth2-token-env), ou envoyez par un connecteur ou un relais.",
  'm365-smtp-auth-disabled':
    "Microsoft 365 a désactivé SMTP AUTH (authentification de base) pour cette boîte ou ce locataire : activez « SMTP authentifié » pour la boîte dans le centre d'administration Microsoft 365, ou envoyez avec OAuth / un connecteur.",
  'google-app-password':
    "Google exige un mot de passe d'application pour ce compte (validation en deux étapes activée) : créez-en un dans Compte Google > Sécurité > Mots de passe des applications et utilisez-le à la place du mot de passe du compte.",
  'google-bad-credentials': "Google a refusé l'identifiant ou le mot de passe : vérifiez-les, et utilisez un mot de passe d'application si la validation en deux étapes est activée.",
  'm365-bad-credentials': "Microsoft 365 a refusé les identifiants : vérifiez le mot de passe, et que la boîte a une licence et n'est pas bloquée à la connexion.",
  temporary: "Refus temporaire : le serveur n'a pas pu vérifier le mot de passe maintenant (ou limite les tentatives). Réessayez dans quelques minutes.",
  'encryption-required': "Le serveur n'accepte le mot de passe que sur une session chiffrée : utilisez STARTTLS (587) ou SSL/TLS (465).",
  credentials: "Vérifiez l'identifiant (souvent l'adresse e-mail complète) et le mot de passe ; un compte avec validation en deux étapes demande en général un mot de passe d'application.",
};
