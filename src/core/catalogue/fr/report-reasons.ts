/** Why a report file could not be read (../report-reasons.ts), en français. */
import type { ReasonWording } from '../reason-shape.js';
import type { reportReasonsEn } from '../report-reasons.js';

type Args<F> = F extends ReasonWording<infer A> ? A : never;
type Fr = { [K in keyof typeof reportReasonsEn]: ReasonWording<Args<(typeof reportReasonsEn)[K]>> };
const mo = (n: number) => `${Math.round(n / 1048576)} Mo`;

export const reportReasonsFr: Fr = {
  'rep.bomb': (a) => `il se décompresserait en plus de ${mo(a.limit)} (ou ${a.ratio} fois sa taille) : une bombe de compression, pas un rapport`,
  'rep.bad-gzip': (a) => `les données gzip sont abîmées (${a.detail})`,
  'rep.bad-zip': (a) => `le fichier zip est abîmé ou dangereux (${a.detail})`,
  'rep.zip-members': (a) => `le zip contient ${a.count} fichiers (un rapport en a un ; ${a.max} au plus sont lus)`,
  'rep.zip-encrypted': (a) => `le fichier ${a.name} du zip est chiffré`,
  'rep.nested': () => 'une archive dans une archive dans une archive',
  'rep.not-a-report': () => 'ni XML, ni JSON, ni gzip, ni zip, ni e-mail',
  'rep.doctype': () => 'le XML déclare un DOCTYPE (les entités sont refusées : aucun rapport n’en a besoin)',
  'rep.xml': (a) => `le XML est mal formé (${a.detail})`,
  'rep.not-dmarc': (a) => `le XML est un <${a.root}>, pas un rapport agrégé DMARC (<feedback>)`,
  'rep.missing': (a) => `le rapport n’a pas de ${a.field}`,
  'rep.bad-json': (a) => `le JSON est illisible (${a.detail})`,
  'rep.not-tlsrpt': () => 'le JSON n’est pas un rapport TLS-RPT (RFC 8460 : organization-name, report-id, date-range, policies)',
  'rep.no-report-attached': () => 'le message ne porte aucun rapport (pas de pièce jointe XML, gzip, zip ou JSON)',
  'tls.fix.starttls': () => 'un MX ne propose pas STARTTLS : activez TLS en réception sur chaque MX',
  'tls.fix.host-mismatch': () => 'un MX présente un certificat qui ne le nomme pas : installez un certificat au nom du MX (celui de l’enregistrement MX et des lignes mx: de la politique MTA-STS)',
  'tls.fix.expired': () => 'un MX présente un certificat expiré : renouvelez-le (et automatisez le renouvellement)',
  'tls.fix.not-trusted': () => 'un MX présente un certificat qu’aucune autorité publique n’a signé (auto-signé, ou intermédiaire manquant) : installez un certificat d’une AC publique, avec sa chaîne complète',
  'tls.fix.validation': () => 'le certificat ou la politique n’ont pas pu être validés : vérifiez la chaîne et la politique MTA-STS avec maildiag check-dns <domaine> --smtp',
  'tls.fix.tlsa': () => 'les enregistrements TLSA (DANE) ne correspondent pas au certificat du MX : publiez les TLSA de la clé actuelle avant de la changer',
  'tls.fix.dnssec': () => 'la validation DNSSEC a échoué pour le MX ou ses TLSA : corrigez les signatures de la zone (DS chez le parent, RRSIG non expirées)',
  'tls.fix.dane-required': () => 'DANE est exigé mais le MX n’a offert aucun TLS validable par TLSA : publiez des TLSA corrects ou cessez d’exiger DANE',
  'tls.fix.sts-fetch': () => 'les expéditeurs n’ont pas pu lire la politique MTA-STS sur https://mta-sts.<domaine>/.well-known/mta-sts.txt : servez-la en HTTPS avec un certificat valide',
  'tls.fix.sts-invalid': () => 'le fichier de politique MTA-STS est invalide : corrigez sa syntaxe (version: STSv1, mode, mx:, max_age)',
  'tls.fix.sts-webpki': () => 'l’hôte de la politique MTA-STS présente un certificat non reconnu : installez un certificat public sur mta-sts.<domaine>',
  'tls.fix.other': (a) => `l’émetteur du rapport indique « ${a.type} » : voyez son additional-information et les journaux du MX`,
  'rep.too-many-records': (a) => `le rapport a plus de ${a.max} enregistrements`,
};
