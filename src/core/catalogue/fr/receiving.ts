import type { Translation } from '../define.js';
import { reasonText } from '../reason-words.js';
import type { receivingFindings } from '../receiving.js';

/** check-dns, côté réception, en français. */
export const receivingFr: Translation<typeof receivingFindings> = {
  'tlsrpt.valid': {
    title: 'Rapports TLS configurés',
    message: (a) => `${a.domain} demande les rapports d'échec TLS à ${a.rua.join(', ')}.`,
  },
  'tlsrpt.none': {
    title: 'Pas de rapports TLS',
    message: (a) => `${a.domain} ne publie pas d'enregistrement TLS-RPT (_smtp._tls.${a.domain}) : les expéditeurs ne peuvent pas vous signaler les échecs TLS vers vos MX.`,
    hint: (a) => `Renforcement facultatif : publiez un TXT à _smtp._tls.${a.domain} : « v=TLSRPTv1; rua=mailto:rapports-tls@${a.domain} ».`,
  },
  'tlsrpt.invalid': {
    title: 'Enregistrement TLS-RPT invalide',
    message: (a) => `L'enregistrement TLS-RPT à ${a.name} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `L'enregistrement s'écrit « v=TLSRPTv1; rua=mailto:adresse » (ou une URL https:), plusieurs URI séparées par des virgules.`,
  },
  'bimi.valid': {
    title: 'Enregistrement BIMI publié',
    message: (a) => `Enregistrement BIMI à ${a.name}, logo ${a.logo}.`,
  },
  'bimi.none': {
    title: "Pas d'enregistrement BIMI",
    message: (a) => `Pas d'enregistrement BIMI à ${a.name} : les messageries qui affichent le logo de l'expéditeur n'en afficheront pas.`,
    hint: () => `Facultatif : BIMI demande d'abord DMARC en quarantine ou reject, puis un TXT « v=BIMI1; l=https://.../logo.svg » (et un certificat pour Gmail et Apple).`,
  },
  'bimi.invalid': {
    title: 'Enregistrement BIMI invalide',
    message: (a) => `L'enregistrement BIMI à ${a.name} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `L'enregistrement s'écrit « v=BIMI1; l=https://example.fr/logo.svg; a=https://example.fr/vmc.pem » (a= est facultatif).`,
  },
  'bimi.dmarc-prerequisite': {
    title: 'DMARC trop faible pour BIMI',
    message: (a) =>
      `${a.domain} publie BIMI mais sa politique DMARC ${reasonText(a.reason, 'fr')} : les messageries ignorent alors BIMI.`,
    hint: () => `Passez DMARC en p=quarantine ou p=reject (sans pct inférieur à 100) quand les rapports montrent que les messages légitimes passent.`,
  },
  'ptr.valid': {
    title: 'DNS inverse confirmé',
    message: (a) => `${a.ip} a pour nom inverse ${a.name}, qui se résout bien vers elle.`,
  },
  'ptr.missing': {
    title: "L'adresse MX n'a pas de DNS inverse",
    message: (a) => `${a.ip} (MX ${a.host}) n'a pas d'enregistrement PTR.`,
    hint: () => `Beaucoup de serveurs se méfient des hôtes sans DNS inverse. Demandez au propriétaire de l'adresse (votre hébergeur ou FAI) de publier un PTR vers le nom du MX.`,
  },
  'ptr.not-confirmed': {
    title: 'DNS inverse non confirmé',
    message: (a) => `${a.ip} (MX ${a.host}) a pour nom inverse ${a.name}, qui ne se résout pas vers ${a.ip}.`,
    hint: (a) => `Publiez un enregistrement A/AAAA pour ${a.name} vers ${a.ip}, ou changez le PTR pour un nom qui s'y résout.`,
  },
  'mta-sts.valid': {
    title: 'Politique MTA-STS valide',
    message: (a) => `${a.domain} publie une politique MTA-STS en mode ${a.mode} (max_age ${a.maxAge} s) qui couvre tous les MX (${a.mx.join(', ')}).`,
  },
  'mta-sts.none': {
    title: 'Pas de MTA-STS',
    message: (a) => `${a.domain} ne publie pas de politique MTA-STS : les expéditeurs ne peuvent pas exiger le chiffrement TLS vers ses MX, qu'un attaquant sur le réseau pourrait supprimer.`,
    hint: (a) => `Renforcement facultatif : servez https://mta-sts.${a.domain}/.well-known/mta-sts.txt (commencez en mode testing) et publiez _mta-sts.${a.domain} TXT « v=STSv1; id=<un nouvel id à chaque changement> ».`,
  },
  'mta-sts.txt-invalid': {
    title: 'Enregistrement TXT MTA-STS invalide',
    message: (a) => `L'enregistrement MTA-STS à ${a.name} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Il s'écrit « v=STSv1; id=20241119T100000 » (un id de 1 à 32 lettres et chiffres, changé à chaque modification de la politique).`,
  },
  'mta-sts.unreachable': {
    title: 'Politique MTA-STS inaccessible',
    message: (a) => `L'enregistrement MTA-STS est publié mais la politique à ${a.url} ne peut pas être récupérée : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Les expéditeurs qui ont déjà une ancienne politique en cache continuent de l'appliquer ; les nouveaux n'en voient aucune. Servez la politique en HTTPS avec un certificat valide pour l'hôte mta-sts, sans redirection.`,
  },
  'mta-sts.policy-invalid': {
    title: 'Politique MTA-STS invalide',
    message: (a) => `La politique MTA-STS à ${a.url} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Une politique est faite de lignes en texte brut : « version: STSv1 », « mode: enforce|testing|none », une ligne « mx: <hôte ou *.domaine> » par MX, « max_age: <secondes> ».`,
  },
  'mta-sts.testing': {
    title: 'MTA-STS en mode test',
    message: (a) => `La politique MTA-STS de ${a.domain} est en mode testing : les échecs sont signalés (TLS-RPT), pas bloqués.`,
    hint: () => `Passez en mode enforce quand les rapports TLS ne montrent plus d'échecs.`,
  },
  'mta-sts.mode-none': {
    title: 'MTA-STS en mode none',
    message: (a) => `La politique MTA-STS de ${a.domain} a mode: none, ce qui retire la politique.`,
    hint: () => `Normal pendant l'abandon de MTA-STS ; sinon, utilisez testing, puis enforce.`,
  },
  'mta-sts.mx-not-covered': {
    title: 'MX non couvert par MTA-STS',
    message: (a) => `Le MX ${a.host} de ${a.domain} ne correspond à aucun motif mx de la politique (${a.patterns.join(', ')})${a.mode === 'enforce' ? ' : les expéditeurs qui appliquent la politique ne livreront pas à ce serveur' : ''}.`,
    hint: (a) => `Ajoutez « mx: ${a.host} » (ou un joker pour son domaine) à la politique, et publiez un nouvel id dans l'enregistrement TXT.`,
  },
  'mx.tls-ok': {
    title: 'Le MX propose un chiffrement TLS valide',
    message: (a) => `Le MX ${a.host} [${a.ip}] propose STARTTLS (${a.protocol}) avec un certificat de confiance à son nom, valide encore ${a.daysLeft} jours.`,
  },
  'mx.unreachable': {
    title: 'MX injoignable depuis ici',
    message: (a) => `Le MX ${a.host} [${a.ip}] n'a pas pu être joint sur le port ${a.port} : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Le port 25 sortant est bloqué par beaucoup de FAI et de clouds : lancez --smtp depuis un serveur autorisé à envoyer du courrier. S'il est joignable ailleurs, le MX est arrêté ou filtré.`,
  },
  'mx.starttls-missing': {
    title: 'Le MX ne propose pas STARTTLS',
    message: (a) => `Le MX ${a.host} [${a.ip}] ne propose pas STARTTLS : le courrier vers ce domaine circule sans chiffrement.`,
    hint: () => `Activez STARTTLS avec un certificat au nom du MX (Postfix : smtpd_tls_security_level = may).`,
  },
  'mx.tls-failed': {
    title: 'La négociation TLS du MX échoue',
    message: (a) => `Le MX ${a.host} [${a.ip}] propose STARTTLS mais la négociation échoue : ${reasonText(a.reason, 'fr')}. Les expéditeurs repassent en clair ou diffèrent.`,
    hint: () => `Vérifiez le certificat et les versions TLS configurés sur le MX (TLS 1.2 ou 1.3).`,
  },
  'mx.cert-untrusted': {
    title: 'Certificat du MX non reconnu',
    message: (a) => `Le certificat du MX ${a.host} [${a.ip}] n'est pas reconnu (${reasonText(a.reason, 'fr')} ; émis par ${a.issuer})${a.enforced ? ' : les expéditeurs qui appliquent MTA-STS ne livreront pas' : ''}.`,
    hint: () => `La plupart des expéditeurs acceptent n'importe quel certificat sur le port 25, mais pas ceux qui appliquent MTA-STS ou DANE : utilisez un certificat d'une autorité publique (Let's Encrypt…).`,
  },
  'mx.cert-expired': {
    title: 'Certificat du MX expiré',
    message: (a) => `Le certificat du MX ${a.host} [${a.ip}] a expiré le ${a.validTo}${a.enforced ? ' : les expéditeurs qui appliquent MTA-STS ne livreront pas' : ''}.`,
    hint: () => `Renouvelez-le, et vérifiez son renouvellement automatique.`,
  },
  'mx.cert-expiring': {
    title: 'Le certificat du MX expire bientôt',
    message: (a) => `Le certificat du MX ${a.host} [${a.ip}] expire dans ${a.daysLeft} jours (${a.validTo}).`,
    hint: () => `Renouvelez-le d'ici là ; vérifiez que son renouvellement automatique fonctionne.`,
  },
  'mx.cert-hostname-mismatch': {
    title: 'Le certificat du MX est pour un autre nom',
    message: (a) => `Le certificat du MX ${a.host} [${a.ip}] est pour ${a.names.join(', ') || 'aucun nom'}, pas pour ${a.host}${a.enforced ? ' : les expéditeurs qui appliquent MTA-STS ne livreront pas' : ''}.`,
    hint: (a) => `Ajoutez ${a.host} au certificat, ou faites pointer le MX vers un nom que le certificat couvre.`,
  },
  'mx.tls-outdated': {
    title: 'Le MX utilise une version TLS obsolète',
    message: (a) => `Le MX ${a.host} [${a.ip}] a négocié ${a.protocol}, obsolète (RFC 8996).`,
    hint: () => `Activez TLS 1.2 et 1.3 sur le MX.`,
  },
  'dnssec.signed': {
    title: 'DNSSEC signé et validé',
    message: (a) => `${a.domain} est signé (DS chez son parent) et ses réponses reviennent authentifiées.`,
  },
  'dnssec.unsigned': {
    title: 'DNSSEC non activé',
    message: (a) => `${a.domain} n'est pas signé avec DNSSEC (pas d'enregistrement DS chez son parent) : ses réponses, MX compris, peuvent être falsifiées en route.`,
    hint: () => `Renforcement facultatif, que la plupart des domaines n'ont pas : activez DNSSEC chez votre hébergeur DNS, puis publiez l'enregistrement DS qu'il vous donne chez votre registraire.`,
  },
  'dnssec.bogus': {
    title: 'La validation DNSSEC échoue',
    message: (a) => `La réponse ${a.type} pour ${a.name} échoue à la validation DNSSEC (bogus) : les résolveurs qui valident répondent SERVFAIL, le courrier vers ou depuis ce domaine échoue pour eux.`,
    hint: () => `Le plus souvent, un DS chez le registraire qui ne correspond plus aux clés de la zone (après un changement d'hébergeur DNS ou un renouvellement de clés). Republiez le DS donné par votre hébergeur DNS, ou retirez-le pour revenir à une zone non signée.`,
  },
  'dnssec.mx-unsigned': {
    title: 'Serveur MX non signé',
    message: (a) => `Le MX ${a.host} de ${a.domain} est dans une zone non signée : son adresse ne peut pas être authentifiée (DANE en a besoin).`,
    hint: () => `Rien à faire sauf si vous prévoyez DANE ; le fournisseur du MX signe sa propre zone.`,
  },
  'dnssec.resolver-not-validating': {
    title: 'Le résolveur ne valide pas DNSSEC',
    message: (a) => `Le résolveur utilisé (${a.resolver}) ne valide pas DNSSEC : maildiag ne peut pas dire si les réponses sont authentiques${a.ds ? ' (un enregistrement DS montre que le domaine est signé)' : ''}.`,
    hint: () => `Relancez avec un résolveur qui valide, par exemple --resolver 1.1.1.1 ou --resolver 9.9.9.9.`,
  },
};
