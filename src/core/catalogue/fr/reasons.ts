/**
 * The reasons parsers and checks give in English (they stay English in JSON, which is the same in every
 * language), put into French for French messages. Each pattern is anchored and matches one template of
 * the source; `test/i18n.test.ts` checks every reason the parsers produce over hostile records has one.
 * A reason with no pattern (a server's own words, a Node error code) is kept as it came.
 */
type Rule = [RegExp, string | ((m: RegExpMatchArray) => string)];

const q = (s: string | undefined) => `« ${s ?? ''} »`;

const RULES: Rule[] = [
  // SPF syntax (src/dns/spf/parse.ts)
  [/^character (".*") is not allowed$/s, (m) => `le caractère ${m[1]} n'est pas autorisé`],
  [/^a "%" must start a macro \("%\{d\}"\) or be written "%%"$/, 'un « % » doit ouvrir une macro (« %{d} ») ou s’écrire « %% »'],
  [/^macro "%\{" is not closed with "\}"$/, 'la macro « %{ » n’est pas fermée par « } »'],
  [/^macro "(.*)" is malformed$/s, (m) => `la macro ${q(m[1])} est mal formée`],
  [/^macro letter "(.*)" is not defined$/s, (m) => `la lettre de macro ${q(m[1])} n'existe pas`],
  [/^macro "(.*)" keeps zero labels$/s, (m) => `la macro ${q(m[1])} ne garde aucun label`],
  [/^the domain is empty$/, 'le domaine est vide'],
  [/^the domain is longer than 253 characters$/, 'le domaine dépasse 253 caractères'],
  [/^the domain has an empty label$/, 'le domaine a un label vide'],
  [/^a label is longer than 63 characters$/, 'un label dépasse 63 caractères'],
  [/^the domain needs at least two labels$/, 'le domaine doit avoir au moins deux labels'],
  [/^"(.*)" is not a valid top-level label$/s, (m) => `${q(m[1])} n'est pas un label de premier niveau valide`],
  [/^the record must start with "v=spf1"$/, 'l’enregistrement doit commencer par « v=spf1 »'],
  [/^"(.*)=" appears more than once$/s, (m) => `« ${m[1]}= » apparaît plus d'une fois`],
  [/^not a mechanism nor a modifier$/, 'ni un mécanisme ni un modificateur'],
  [/^"(.*)" is not an SPF mechanism \((.*)\)$/s, (m) => `${q(m[1])} n'est pas un mécanisme SPF (${m[2]})`],
  [/^the record is empty$/, 'l’enregistrement est vide'],
  [/^"all" takes no argument$/, '« all » ne prend pas d’argument'],
  [/^"(.*)" needs ":<domain>"$/s, (m) => `${q(m[1])} attend « :<domaine> »`],
  [/^"ptr" takes an optional ":<domain>"$/, '« ptr » prend un « :<domaine> » facultatif'],
  [/^"(.*)" has a malformed domain or prefix length$/s, (m) => `${q(m[1])} a un domaine ou une longueur de préfixe mal formés`],
  [/^"(.*):" needs a domain after the colon$/s, (m) => `« ${m[1]}: » attend un domaine après les deux-points`],
  [/^"(.*)" is not an IPv(4|6) prefix length \((.*)\)$/s, (m) => `${q(m[1])} n'est pas une longueur de préfixe IPv${m[2]} (${m[3]})`],
  [/^"(.*)" needs ":<address>" \(and an optional \/prefix\)$/s, (m) => `${q(m[1])} attend « :<adresse> » (et un /préfixe facultatif)`],
  [/^"(.*)" is not an IPv(4|6) address$/s, (m) => `${q(m[1])} n'est pas une adresse IPv${m[2]}`],
  // SPF evaluation (src/dns/spf/evaluate.ts)
  [/^more than 10 DNS lookups \(the 11th is (.*)\)$/s, (m) => `plus de 10 requêtes DNS (la 11e est ${m[1]})`],
  [/^more than 2 void lookups \(the 3rd is (.*)\)$/s, (m) => `plus de 2 requêtes sans réponse (la 3e est ${m[1]})`],
  [/^(\S+) query for (\S+) failed \((.*)\)$/s, (m) => `la requête ${m[1]} pour ${m[2]} a échoué (${m[3]})`],
  [/^(\S+) publishes (\d+) SPF records$/, (m) => `${m[1]} publie ${m[2]} enregistrements SPF`],
  [/^syntax error in the SPF of (\S+): "(.*)": (.*)$/s, (m) => `erreur de syntaxe dans le SPF de ${m[1]} : ${q(m[2])} : ${frenchReason(m[3]!)}`],
  [/^redirect=(\S+) has no SPF record$/, (m) => `redirect=${m[1]} n'a pas d'enregistrement SPF`],
  [/^(\S+) has (\d+) MX hosts; at most 10 may be looked up$/, (m) => `${m[1]} a ${m[2]} serveurs MX ; 10 au plus peuvent être résolus`],
  [/^(\S+): (\S+) has no SPF record$/, (m) => `${m[1]} : ${m[2]} n'a pas d'enregistrement SPF`],
  // DKIM key records (src/dns/dkim.ts) and DMARC records (src/dns/dmarc.ts)
  [/^"(.*)" is not a tag=value pair$/s, (m) => `${q(m[1])} n'est pas une paire balise=valeur`],
  [/^tag "(.*)" appears more than once$/s, (m) => `la balise ${q(m[1])} apparaît plus d'une fois`],
  [/^v= must be "DKIM1" and come first$/, 'v= doit valoir « DKIM1 » et venir en premier'],
  [/^there is no p= tag \(the public key\)$/, 'il n’y a pas de balise p= (la clé publique)'],
  [/^p= is not valid base64 \(a cut or badly quoted key\?\)$/, 'p= n’est pas du base64 valide (clé coupée ou mal entre guillemets ?)'],
  [/^an Ed25519 key is 32 bytes, this one is (\d+)$/, (m) => `une clé Ed25519 fait 32 octets, celle-ci ${m[1]}`],
  [/^key type k=(.*) is not defined \(rsa or ed25519\)$/s, (m) => `le type de clé k=${m[1]} n'existe pas (rsa ou ed25519)`],
  [/^p= does not hold a readable RSA public key$/, 'p= ne contient pas de clé publique RSA lisible'],
  [/^empty tag at position (\d+) \(two ";" in a row\)$/, (m) => `balise vide en position ${m[1]} (deux « ; » de suite)`],
  [/^the record must start with "v=DMARC1"$/, 'l’enregistrement doit commencer par « v=DMARC1 »'],
  [/^there is no p= tag: receivers treat the policy as none at best, or ignore the record$/, 'il n’y a pas de balise p= : les destinataires appliquent au mieux la politique none, ou ignorent l’enregistrement'],
  [/^the version must be written "DMARC1" exactly, not "(.*)"$/s, (m) => `la version doit s'écrire exactement « DMARC1 », pas ${q(m[1])}`],
  [/^"(.*)" does not start with "v=DMARC1", so receivers ignore it$/s, (m) => `${q(m[1])} ne commence pas par « v=DMARC1 » : les destinataires l'ignorent`],
  // MTA-STS, TLS-RPT, BIMI (src/dns/receiving/)
  [/^"(.*)" is not a "key: value" line$/s, (m) => `${q(m[1])} n'est pas une ligne « clé: valeur »`],
  [/^there is no "version: STSv1" line$/, 'il n’y a pas de ligne « version: STSv1 »'],
  [/^version "(.*)" is not STSv1$/s, (m) => `la version ${q(m[1])} n'est pas STSv1`],
  [/^there is no "mode:" line$/, 'il n’y a pas de ligne « mode: »'],
  [/^mode "(.*)" is not enforce, testing or none$/s, (m) => `le mode ${q(m[1])} n'est ni enforce, ni testing, ni none`],
  [/^max_age must be a number of seconds up to 31557600 \(one year\)$/, 'max_age doit être un nombre de secondes jusqu’à 31557600 (un an)'],
  [/^there is no "mx:" line$/, 'il n’y a pas de ligne « mx: »'],
  [/^the policy is larger than 64 KB$/, 'la politique dépasse 64 Ko'],
  [/^no answer within (.*) s$/, (m) => `pas de réponse en ${m[1]} s`],
  [/^(\S+) does not resolve$/, (m) => `${m[1]} ne se résout pas`],
  [/^there are several v=STSv1 records$/, 'il y a plusieurs enregistrements v=STSv1'],
  [/^id "(.*)" must be 1 to 32 letters and digits$/s, (m) => `l'id ${q(m[1])} doit compter de 1 à 32 lettres et chiffres`],
  [/^there is no id=$/, 'il n’y a pas d’id='],
  [/^there are several v=TLSRPTv1 records; senders use none$/, 'il y a plusieurs enregistrements v=TLSRPTv1 : les expéditeurs n’en utilisent aucun'],
  [/^there is no rua= \(where reports go\)$/, 'il n’y a pas de rua= (où envoyer les rapports)'],
  [/^(.*) is neither a mailto: nor an https: URI$/s, (m) => `${m[1]} n'est ni une URI mailto: ni une URI https:`],
  [/^there is no logo URL \(l=\)$/, 'il n’y a pas d’URL de logo (l=)'],
  [/^the logo (.*) must be an https: URL of an SVG file$/s, (m) => `le logo ${m[1]} doit être une URL https: d'un fichier SVG`],
  [/^the certificate URL (.*) must be https:$/s, (m) => `l'URL du certificat ${m[1]} doit être en https:`],
];

/** The French for an English reason, or the reason itself when it has no pattern. */
export function frenchReason(reason: string): string {
  for (const [re, to] of RULES) {
    const m = reason.match(re);
    if (m) return typeof to === 'string' ? to : to(m);
  }
  return reason;
}
