import type { Translation } from '../define.js';
import { reasonText } from '../reason-words.js';
import type { dnsFindings } from '../dns.js';

/** check-dns, en français : ce qui ne va pas, pourquoi c'est important, quoi changer. */
export const dnsFr: Translation<typeof dnsFindings> = {
  'run.error': {
    title: "La vérification n'a pas pu être faite",
    message: (a) => a.message,
    hint: () => `Corrigez la commande ou l'entrée nommée ci-dessus et relancez ; les rapports qui précèdent sont complets.`,
  },
  'dns.query-failed': {
    title: 'Requête DNS en échec',
    message: (a) => `La requête ${a.type} pour ${a.name} a échoué (${a.reason}) ; ce qui en dépend n'a pas pu être vérifié.`,
    hint: (a) =>
      a.reason === 'SERVFAIL'
        ? `Les serveurs DNS du domaine répondent SERVFAIL : les destinataires aussi, et ils différeront ou rejetteront les messages (temperror). Vérifiez la zone et ses signatures DNSSEC auprès de votre hébergeur DNS.`
        : a.reason === 'REFUSED'
          ? `Le résolveur a refusé la requête : vérifiez que --resolver désigne un résolveur récursif qui vous répond.`
          : a.reason === 'CNAME-LOOP' || a.reason === 'CNAME-CHAIN'
            ? `${a.name} est un alias (CNAME) qui n'aboutit à aucun enregistrement${a.reason === 'CNAME-LOOP' ? ' : ses alias pointent les uns vers les autres' : ' : plus de 16 alias, au-delà desquels les résolveurs abandonnent'}. Les destinataires ne peuvent pas le lire non plus. Faites pointer le CNAME directement vers l'enregistrement donné par votre fournisseur.`
            : a.reason === 'TCP-FAILED'
              ? `La réponse pour ${a.name} est trop longue pour UDP, et la nouvelle demande en TCP a échoué : un pare-feu ou un routeur ici ne laisse passer le DNS qu'en UDP (port 53). Les longs enregistrements (SPF, clés DKIM) ont besoin de TCP (RFC 7766). Autorisez le TCP port 53 vers votre résolveur, ou lancez la vérification depuis un autre réseau.`
            : a.reason === 'WRONG-NAME'
              ? `Le résolveur a répondu pour un autre nom que ${a.name} : résolveur défaillant, ou interception DNS sur ce réseau (certains pare-feu, filtres et antivirus le font). Cette réponse n'a pas été utilisée. Relancez avec un autre résolveur (--resolver 1.1.1.1) ou depuis un autre réseau ; les destinataires dont le résolveur est sain voient vos vrais enregistrements.`
          : `Réessayez, ou avec un autre résolveur (--resolver 1.1.1.1) ; un échec n'est pas un enregistrement absent.`,
  },
  'dns.no-answer': {
    title: 'Aucune réponse DNS',
    message: (a) => `Aucune requête DNS pour ${a.domain} n'a obtenu de réponse de ${a.resolver} : rien n'a pu être vérifié.`,
    hint: () => `Vérifiez le réseau et l'adresse du résolveur (--resolver), ou augmentez --timeout.`,
  },
  'dns.resolver-rewrites': {
    title: 'Le résolveur réécrit les réponses NXDOMAIN',
    message: (a) => `${a.resolver} a répondu à ${a.name}, un nom qui ne peut pas exister, par l'adresse ${a.answer} : il transforme « ce nom n'existe pas » en une adresse à lui (page de recherche d'un FAI, filtre). Les listes de blocage lues à travers lui sont inutilisables, comme toute vérification d'un nom qui ne devrait pas exister.`,
    hint: () => `Relancez avec un résolveur qui transmet les NXDOMAIN (--resolver 9.9.9.9, ou le vôtre), ou désactivez l'« assistance à la navigation » de votre FAI.`,
  },
  'dns.domain-nxdomain': {
    title: "Le domaine n'existe pas",
    message: (a) => `${a.domain} n'existe pas dans le DNS (NXDOMAIN).`,
    hint: () => `Vérifiez l'orthographe, et que le domaine est bien enregistré et délégué à vos serveurs DNS.`,
  },
  'spf.valid': {
    title: 'Enregistrement SPF valide',
    message: (a) => `${a.domain} publie un enregistrement SPF valide (${a.lookups}/10 requêtes DNS, ${a.voidLookups}/2 requêtes vides).`,
  },
  'spf.missing': {
    title: "Pas d'enregistrement SPF",
    message: (a) => `${a.domain} ne publie aucun enregistrement SPF (aucun TXT commençant par « v=spf1 »).`,
    hint: (a) =>
      `Les destinataires ne peuvent pas savoir quels serveurs ont le droit d'envoyer pour ${a.domain}, et Gmail, Yahoo et Microsoft rejettent ou classent en spam les messages non authentifiés. Publiez un seul enregistrement TXT sur ${a.domain}, par exemple « v=spf1 include:<votre fournisseur> -all » (l'include est donné par votre fournisseur).`,
  },
  'spf.multiple': {
    title: 'Plusieurs enregistrements SPF',
    message: (a) => `${a.domain} publie ${a.count} enregistrements SPF ; les destinataires doivent le traiter comme une erreur permanente (permerror) : SPF échoue pour tous les messages.`,
    hint: () => `Fusionnez-les en un seul enregistrement TXT : un seul « v=spf1 », tous les include et ip4/ip6 des deux, et un seul « all » à la fin.`,
  },
  'spf.syntax': {
    title: 'Erreur de syntaxe SPF',
    message: (a) => `Enregistrement SPF de ${a.domain} : « ${a.term} » au caractère ${a.position} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Les destinataires traitent une erreur de syntaxe comme un permerror : SPF échoue pour tous les messages. Corrigez ce terme, ou retirez-le.`,
  },
  'spf.lookups-exceeded': {
    title: 'Plus de 10 requêtes DNS',
    message: (a) =>
      `L'enregistrement SPF de ${a.domain} demande ${a.lookups} requêtes DNS ; la limite est de 10, dépassée à ${a.crossedAt}. Un destinataire lit les termes dans l'ordre et s'arrête à la 11e requête avec un permerror : une adresse reconnue avant passe encore, tout autre expéditeur échoue à SPF.` +
      (a.failing.length ? ` Parmi les IP données, ${a.failing.join(', ')} ${a.failing.length > 1 ? 'obtiennent' : 'obtient'} permerror.` : '') +
      (a.passing.length ? ` ${a.passing.join(', ')} ${a.passing.length > 1 ? 'passent, reconnues' : 'passe, reconnue'} avant la limite.` : ''),
    hint: () => `Retirez les include des services que vous n'utilisez plus, remplacez a/mx par des plages ip4/ip6, ou faites passer un service d'envoi par un sous-domaine avec son propre SPF.`,
  },
  'spf.void-lookups-exceeded': {
    title: 'Plus de 2 requêtes vides',
    message: (a) => `L'enregistrement SPF de ${a.domain} fait ${a.voidLookups} requêtes qui ne renvoient rien (${a.names.join(', ')}) ; la limite est de 2.`,
    hint: () => `Au-delà de deux requêtes vides, les destinataires répondent permerror. Retirez les include, a ou mx qui désignent des noms qui n'existent plus.`,
  },
  'spf.mx-lookups-exceeded': {
    title: 'Plus de 10 serveurs MX dans un terme mx',
    message: (a) => `« ${a.term} » dans le SPF de ${a.domain} a ${a.count} serveurs à résoudre ; les destinataires s'arrêtent à 10 avec un permerror.`,
    hint: () => `Remplacez ce terme mx par les plages ip4/ip6 des serveurs qui envoient réellement.`,
  },
  'spf.include-loop': {
    title: 'Boucle dans les include SPF',
    message: (a) => `Le SPF de ${a.domain} s'inclut lui-même : ${a.chain.join(' → ')}.`,
    hint: () => `Une boucle finit en permerror chez les destinataires dès que la limite de requêtes est atteinte. Retirez l'include ou le redirect qui revient en arrière.`,
  },
  'spf.include-invalid': {
    title: 'Include ou redirect sans SPF utilisable',
    message: (a) => `« ${a.term} » dans le SPF de ${a.domain} désigne ${a.target}, qui ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Un include ou un redirect dont la cible n'a pas de SPF valide provoque un permerror. Corrigez le nom (demandez le bon include au fournisseur) ou retirez-le.`,
  },
  'spf.all-pass': {
    title: 'SPF autorise tout le monde',
    message: (a) => `Le SPF de ${a.domain} se termine par « ${a.term} » : n'importe quel serveur sur Internet peut envoyer au nom de ${a.domain}.`,
    hint: () => `Cela rend SPF inutile et invite à l'usurpation. Terminez l'enregistrement par « ~all » (softfail) ou « -all » (fail).`,
  },
  'spf.all-neutral': {
    title: 'SPF se termine par ?all',
    message: (a) => `Le SPF de ${a.domain} se termine par « ?all » : il ne dit rien des serveurs non listés.`,
    hint: () => `Une fois tous les services d'envoi listés, terminez par « ~all » ou « -all » pour que les messages usurpés soient reconnus.`,
  },
  'spf.all-missing': {
    title: 'SPF sans all ni redirect',
    message: (a) => `Le SPF de ${a.domain} n'a ni mécanisme « all » ni redirect : les serveurs non listés obtiennent « neutral ».`,
    hint: () => `Terminez l'enregistrement par « ~all » ou « -all ».`,
  },
  'spf.ptr': {
    title: 'SPF utilise ptr',
    message: (a) => `Le SPF de ${a.domain} utilise « ${a.term} », que la RFC 7208 déconseille : lent, peu fiable, et ignoré par certains destinataires.`,
    hint: () => `Remplacez-le par des plages ip4/ip6 ou un include.`,
  },
  'spf.record-size': {
    title: 'Enregistrement SPF trop long',
    message: (a) =>
      `Le SPF de ${a.domain} fait ${a.bytes} octets${a.longestString > 255 ? `, avec une chaîne de ${a.longestString} caractères (une chaîne TXT en contient 255)` : ''} ; au-delà de 450 octets, la réponse peut ne plus tenir dans un paquet UDP.`,
    hint: () => `Certains destinataires ne réessaient pas en TCP. Raccourcissez l'enregistrement : moins de termes, un include d'un sous-domaine qui porte le reste.`,
  },
  'spf.redirect-ignored': {
    title: 'redirect ignoré à cause de all',
    message: (a) => `Le SPF de ${a.domain} a à la fois « all » et « redirect= » : les destinataires ignorent le redirect.`,
    hint: () => `Retirez l'un des deux pour que l'enregistrement dise ce que vous voulez.`,
  },
  'ip.ptr-ok': {
    title: "L'IP d'envoi a un DNS inverse confirmé",
    message: (a) => `${a.ip} a pour nom inverse ${a.name}, qui se résout bien vers elle.`,
  },
  'ip.ptr-missing': {
    title: "L'IP d'envoi n'a pas de DNS inverse",
    message: (a) => `${a.ip} n'a pas de DNS inverse (enregistrement PTR) : Gmail refuse ses messages (550-5.7.25), Yahoo et Outlook.com s'en méfient.`,
    hint: (a) => `Le PTR de ${a.ip} se règle chez le propriétaire de l'adresse (votre hébergeur ou FAI, dans son interface ou par un ticket), pas dans votre zone. Demandez un nom de votre domaine (par exemple mail.example.fr), et publiez un enregistrement A de ce nom vers ${a.ip}.`,
  },
  'ip.ptr-not-confirmed': {
    title: "DNS inverse de l'IP d'envoi non confirmé",
    message: (a) => `${a.ip} a pour nom inverse ${a.names.join(', ')}, qui ne se résout pas vers ${a.ip} : les destinataires qui vérifient le DNS inverse confirmé (Gmail : 550-5.7.25) la refusent ou s'en méfient.`,
    hint: (a) => `Publiez un enregistrement ${a.ip.includes(':') ? 'AAAA' : 'A'} de ${a.names[0] ?? 'ce nom'} vers ${a.ip}, ou faites changer le PTR pour un nom qui s'y résout.`,
  },
  'ip.ptr-generic': {
    title: "DNS inverse de l'IP d'envoi générique",
    message: (a) =>
      `Le nom inverse de ${a.ip}, ${a.name}, ressemble ${a.kind === 'provider-default' ? `au nom par défaut d'une machine chez ${a.evidence}` : a.kind === 'address-in-name' ? `à une adresse que personne n'a nommée (il reprend l'adresse : ${a.evidence})` : `à une adresse d'abonné ou dynamique (« ${a.evidence} »)`}, pas à un serveur de messagerie : Yahoo et d'autres classent ces messages comme probables spams.`,
    hint: () => `Faites régler le PTR sur un nom de votre domaine (mail.example.fr), avec un enregistrement A de ce nom vers l'adresse.`,
  },
  'ip.listed': {
    title: "L'IP d'envoi est sur une liste de blocage",
    message: (a) =>
      `${a.ip} est listée par ${a.list} (${a.codes.map((c) => `${c.label} : ${reasonText(c.meaning, 'fr')}`).join(' ; ')})${a.text ? ` — « ${a.text} »` : ''} : ${a.policyOnly && a.role === 'client' ? "c'est attendu pour une adresse d'où un utilisateur envoie avec un identifiant, un problème seulement si elle remet elle-même des messages sur Internet." : 'les destinataires qui consultent cette liste refusent ses messages ou les classent en spam.'}`,
    hint: (a) =>
      a.policyOnly
        ? `Une inscription PBL dit que la plage ne doit pas remettre de messages elle-même : passez par le serveur d'envoi authentifié de votre fournisseur (port 587 ou 465) ou, pour un vrai serveur de messagerie à adresse fixe, faites demander le retrait de la plage par son propriétaire${a.delist ? ` (${a.delist})` : ''}.`
        : `Trouvez et arrêtez ce qui a envoyé le spam (machine infectée, boîte ou formulaire web piraté, liste achetée ou jamais confirmée), puis demandez le retrait${a.delist ? ` sur ${a.delist}` : ' sur le site de la liste'} ; la plupart des listes retirent d'elles-mêmes une adresse quelques jours après l'arrêt du spam.`,
  },
  'ip.not-listed': {
    title: "L'IP d'envoi n'est sur aucune liste de blocage",
    message: (a) => `${a.ip} n'est sur aucune des listes de blocage consultées (${a.lists.join(', ')}).`,
  },
  'ip.dnsbl-unusable': {
    title: "Liste de blocage impossible à consulter d'ici",
    message: (a) => `${a.list} (${a.zone}) n'a pas pu être consultée via ${a.resolver} : ${reasonText(a.why, 'fr')}. Ses réponses n'ont pas été utilisées : elle ne dit rien, ni listé, ni propre.`,
    hint: (a) =>
      a.why.code === 'bl.health-rewritten'
        ? `Relancez avec un résolveur qui transmet les NXDOMAIN tels quels (--resolver 9.9.9.9, ou le vôtre), pas celui de votre FAI ni un résolveur filtrant.`
        : a.zone.endsWith('spamhaus.org')
          ? `Votre résolveur ne peut pas interroger Spamhaus : utilisez votre propre résolveur (--resolver), ou une clé gratuite du Data Query Service : --dnsbl-only --dnsbl <clé>.zen.dq.spamhaus.net --dnsbl <clé>.dbl.dq.spamhaus.net.`
          : `Utilisez un résolveur auquel la liste répond (--resolver ; Barracuda ne répond qu'aux résolveurs enregistrés sur barracudacentral.org), ou écartez-la avec --dnsbl-only et les listes voulues.`,
  },
  'domain.listed': {
    title: 'Le domaine est sur une liste de blocage',
    message: (a) => `${a.domain} est listé par ${a.list} (${a.codes.map((c) => `${c.label} : ${reasonText(c.meaning, 'fr')}`).join(' ; ')})${a.text ? ` — « ${a.text} »` : ''} : les destinataires qui la consultent refusent ou classent en spam les messages qui citent ce domaine, dans leur From ou leurs liens.`,
    hint: (a) => `Trouvez ce qui l'y a mis (site ou formulaire piraté, liens d'une campagne, compte compromis), corrigez-le, puis demandez le retrait${a.delist ? ` sur ${a.delist}` : ' sur le site de la liste'}.`,
  },
  'domain.not-listed': {
    title: "Le domaine n'est sur aucune liste de blocage",
    message: (a) => `${a.domain} n'est sur aucune des listes de domaines consultées (${a.lists.join(', ')}).`,
  },
  'spf.ip-pass': {
    title: "IP d'envoi autorisée",
    message: (a) => `${a.ip} est autorisée à envoyer pour ${a.domain} (pass, par « ${a.mechanism} »).`,
  },
  'spf.ip-fail': {
    title: "IP d'envoi refusée",
    message: (a) =>
      `${a.ip} n'est PAS autorisée à envoyer pour ${a.domain} (fail, par « ${a.mechanism} ») : les destinataires peuvent rejeter ses messages${a.explanation ? `, en citant l'explication du domaine (exp=) : « ${a.explanation} »` : ''}.`,
    hint: (a) => `Ajoutez « ip${a.ip.includes(':') ? '6' : '4'}:${a.ip} » (ou l'include donné par votre fournisseur) avant le « all » du SPF de ${a.domain}.`,
  },
  'spf.ip-softfail': {
    title: "IP d'envoi non autorisée (softfail)",
    message: (a) => `${a.ip} n'est pas autorisée à envoyer pour ${a.domain} (softfail, par « ${a.mechanism} ») : ses messages risquent de finir en spam.`,
    hint: (a) => `Ajoutez « ip${a.ip.includes(':') ? '6' : '4'}:${a.ip} » (ou l'include donné par votre fournisseur) avant le « all » du SPF de ${a.domain}.`,
  },
  'spf.ip-neutral': {
    title: "IP d'envoi ni autorisée ni refusée",
    message: (a) => `Le SPF de ${a.domain} ne dit rien de précis sur ${a.ip} (neutral, par « ${a.mechanism} »).`,
    hint: (a) => `Ajoutez « ip${a.ip.includes(':') ? '6' : '4'}:${a.ip} » (ou l'include donné par votre fournisseur) au SPF de ${a.domain}.`,
  },
  'spf.ip-none': {
    title: "Pas de SPF pour juger l'IP",
    message: (a) => `${a.domain} n'a pas d'enregistrement SPF : rien ne dit si ${a.ip} peut envoyer pour lui (none).`,
    hint: (a) => `Publiez un enregistrement SPF sur ${a.domain} qui inclut ${a.ip}.`,
  },
  'spf.ip-permerror': {
    title: "L'évaluation SPF finit en permerror",
    message: (a) => `Un destinataire qui évalue un message venant de ${a.ip} pour ${a.domain} obtient permerror : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Corrigez les erreurs SPF ci-dessus ; pour DMARC, un permerror compte comme un échec SPF.`,
  },
  'spf.ip-temperror': {
    title: "L'évaluation SPF finit en temperror",
    message: (a) => `L'évaluation d'un message venant de ${a.ip} pour ${a.domain} rencontre un échec DNS (temperror) : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Les destinataires diffèrent ces messages. Vérifiez les échecs DNS signalés plus haut.`,
  },
  'dmarc.valid': {
    title: 'Enregistrement DMARC valide',
    message: (a) => `La politique DMARC de ${a.domain} est p=${a.policy} (enregistrement publié à ${a.name}).`,
  },
  'dmarc.missing': {
    title: "Pas d'enregistrement DMARC",
    message: (a) => `Aucun enregistrement DMARC ne s'applique à ${a.domain} (ni à _dmarc.${a.domain}, ni à son domaine organisationnel).`,
    hint: (a) =>
      `Gmail, Yahoo et Microsoft l'exigent des expéditeurs en nombre et peuvent rejeter les messages sans DMARC. Commencez par un enregistrement TXT à _dmarc.${a.domain} : « v=DMARC1; p=none; rua=mailto:rapports-dmarc@${a.domain} » (une boîte dédiée : les rapports peuvent être nombreux).`,
  },
  'dmarc.multiple': {
    title: 'Plusieurs enregistrements DMARC',
    message: (a) => `${a.name} publie ${a.count} enregistrements DMARC ; les destinataires ignorent alors DMARC complètement.`,
    hint: () => `Gardez un seul enregistrement TXT commençant par « v=DMARC1 ».`,
  },
  'dmarc.syntax': {
    title: 'Erreur de syntaxe DMARC',
    message: (a) => `L'enregistrement DMARC publié à ${a.name} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `L'enregistrement doit commencer par « v=DMARC1; » suivi de paires balise=valeur séparées par « ; », par exemple « v=DMARC1; p=none; rua=mailto:dmarc@example.fr ».`,
  },
  'dmarc.invalid-tag': {
    title: 'Valeur de balise DMARC invalide',
    message: (a) => `DMARC à ${a.name} : ${a.tag}=${a.value} n'est pas valide (attendu : ${a.expected}).`,
    hint: (a) => `Les destinataires ignorent une balise ${a.tag} invalide (et tout l'enregistrement si c'est p). Utilisez : ${a.expected}.`,
  },
  'dmarc.unknown-tag': {
    title: 'Balise DMARC inconnue',
    message: (a) => `DMARC à ${a.name} : la balise « ${a.tag} » n'existe pas ; les destinataires l'ignorent.`,
    hint: () => `Vérifiez l'orthographe (p, sp, np, adkim, aspf, rua, ruf, fo, psd, t).`,
  },
  'dmarc.policy-none': {
    title: 'DMARC en mode surveillance (p=none)',
    message: (a) => `La politique DMARC de ${a.domain} est p=none : les destinataires envoient des rapports mais n'agissent pas sur les messages en échec.`,
    hint: () => `Une bonne première étape : lisez les rapports, corrigez chaque source légitime, puis passez à p=quarantine et p=reject.`,
  },
  'dmarc.testing': {
    title: 'DMARC en mode test (t=y)',
    message: (a) => `L'enregistrement DMARC de ${a.domain} a t=y : les destinataires appliquent la politique d'un niveau inférieur à celle publiée.`,
    hint: () => `Retirez t=y quand les rapports montrent que les messages légitimes passent.`,
  },
  'dmarc.pct-obsolete': {
    title: 'pct est supprimé par la RFC 9989',
    message: (a) => `DMARC à ${a.name} a pct=${a.pct} ; la RFC 9989 a supprimé pct (les destinataires appliquent désormais la politique à tous les messages, ou traitent pct<100 comme t=y).`,
    hint: () => `Retirez pct ; pour tester une politique plus stricte, utilisez t=y.`,
  },
  'dmarc.strict-alignment': {
    title: 'Alignement DMARC strict',
    message: (a) => `La politique DMARC de ${a.domain} demande un alignement strict (${a.tags.join(', ')}) : le domaine SPF ou DKIM doit être exactement ${a.domain}, pas un sous-domaine.`,
    hint: () =>
      `Les expéditeurs tiers (plateformes d'envoi, services de facturation) signent et gèrent les retours avec un sous-domaine (mail.<votre domaine>) ; avec un alignement strict, leurs messages échouent à DMARC. Préférez l'alignement relâché (adkim=r; aspf=r, la valeur par défaut) sauf si chaque expéditeur correspond exactement.`,
  },
  'dmarc.no-reports': {
    title: "Pas d'adresse de rapports DMARC",
    message: (a) => `L'enregistrement DMARC de ${a.domain} n'a pas de rua : personne ne reçoit les rapports agrégés.`,
    hint: (a) =>
      `Sans rapports, vous ne voyez ni quels services envoient au nom de ${a.domain}, ni lesquels échouent. Ajoutez « rua=mailto:rapports-dmarc@${a.domain} » avec une boîte dédiée ou un service de rapports : les rapports peuvent être nombreux.`,
  },
  'dmarc.rua-invalid': {
    title: 'Adresse de rapports invalide',
    message: (a) => `DMARC à ${a.name} : « ${a.uri} » n'est pas une URI de rapports valide.`,
    hint: () => `Les adresses de rapports s'écrivent « mailto:adresse@domaine », séparées par des virgules.`,
  },
  'dmarc.rua-unauthorized': {
    title: 'Adresse de rapports externe non autorisée',
    message: (a) => `${a.tag}=${a.address} est hors de l'organisation de ${a.domain} et ${a.authName} n'a pas d'enregistrement « v=DMARC1 » : les destinataires n'y enverront pas de rapports.`,
    hint: (a) => `Demandez au propriétaire du domaine de rapports de publier un TXT « v=DMARC1 » à ${a.authName} (ou *._report._dmarc.<son domaine>).`,
  },
  'dmarc.rua-undeliverable': {
    title: 'Adresse de rapports sans réception de courrier',
    message: (a) => `${a.tag}=${a.address} : ${a.domain} n'a ni MX ni adresse, les rapports ne peuvent pas être livrés.`,
    hint: () => `Utilisez une boîte sur un domaine qui reçoit du courrier.`,
  },
  'dmarc.discovery-differs': {
    title: 'Le parcours DNS et la Public Suffix List divergent',
    message: (a) =>
      `Pour ${a.domain}, le parcours de l'arbre DNS de la RFC 9989 trouve la politique à ${a.treeWalk ?? 'aucun endroit'} mais la méthode Public Suffix List de la RFC 7489 trouve ${a.psl ?? 'aucun enregistrement'} : les destinataires peuvent appliquer des politiques différentes.`,
    hint: (a) => `Publiez un enregistrement DMARC à _dmarc.${a.domain} même pour que les deux méthodes s'accordent.`,
  },
  'dmarc.subdomain-policy': {
    title: 'Politique héritée du domaine organisationnel',
    message: (a) => `${a.domain} n'a pas d'enregistrement DMARC propre ; celui de ${a.orgDomain} s'applique, avec la politique ${a.policy}.`,
    hint: (a) => `Rien à faire si cette politique convient à ${a.domain} ; pour lui en donner une propre (autre politique, autres adresses de rapports), publiez un TXT à _dmarc.${a.domain}.`,
  },
  'dkim.valid': {
    title: 'Clé DKIM publiée',
    message: (a) => `Clé DKIM à ${a.name} : ${a.keyType}${a.bits ? ` ${a.bits} bits` : ''}.`,
  },
  'dkim.missing': {
    title: 'Clé DKIM absente',
    message: (a) => `Aucune clé DKIM n'est publiée à ${a.name} (sélecteur « ${a.selector} »).`,
    hint: () => `Les messages signés avec ce sélecteur échouent à DKIM. Publiez l'enregistrement (souvent un CNAME) que vous donne votre fournisseur, exactement tel quel.`,
  },
  'dkim.none-found': {
    title: 'Aucune clé DKIM aux sélecteurs courants',
    message: (a) => `Aucune clé DKIM trouvée pour ${a.domain} aux sélecteurs désignés par ses enregistrements et aux sélecteurs courants (${a.tried.join(', ')}).`,
    hint: () => `Les sélecteurs DKIM ne se listent pas dans le DNS. Donnez le vôtre avec --dkim-selector (c'est le s= de l'en-tête DKIM-Signature d'un message envoyé).`,
  },
  'dkim.syntax': {
    title: 'Enregistrement DKIM invalide',
    message: (a) => `L'enregistrement DKIM à ${a.name} n'est pas valide : ${reasonText(a.reason, 'fr')}.`,
    hint: () => `Recopiez l'enregistrement depuis votre fournisseur ; un guillemet manquant ou une clé coupée en est la cause habituelle.`,
  },
  'dkim.weak-key': {
    title: 'Clé DKIM trop faible',
    message: (a) => `La clé DKIM à ${a.name} est une RSA de ${a.bits} bits${a.bits < 1024 ? ', que les destinataires rejettent' : ', le minimum ; 2048 est recommandé'}.`,
    hint: () => `Générez une clé de 2048 bits, publiez-la sous un nouveau sélecteur, signez avec, puis retirez l'ancienne.`,
  },
  'dkim.revoked': {
    title: 'Clé DKIM révoquée',
    message: (a) => `L'enregistrement DKIM à ${a.name} a un p= vide : la clé est révoquée, et les messages signés avec échouent à DKIM.`,
    hint: () => `Normal si ce sélecteur n'est plus utilisé ; sinon, publiez la clé actuelle.`,
  },
  'dkim.testing': {
    title: 'Clé DKIM en mode test',
    message: (a) => `L'enregistrement DKIM à ${a.name} a t=y (test) : certains destinataires traitent ses signatures comme absentes.`,
    hint: () => `Retirez t=y quand la signature fonctionne.`,
  },
  'cname.present': {
    title: 'CNAME attendu présent',
    message: (a) => `${a.name} est un CNAME vers ${a.target}, comme attendu.`,
  },
  'cname.missing': {
    title: 'CNAME attendu absent',
    message: (a) => `${a.name} devrait être un CNAME vers ${a.expected}, mais ${a.doubledAt ? `il existe à ${a.doubledAt} (le domaine a été saisi deux fois)` : "il n'y a pas de CNAME à ce nom"}.`,
    hint: (a) => `Créez l'enregistrement chez votre hébergeur DNS : nom ${a.name}, type CNAME, valeur ${a.expected}. Certains hébergeurs ajoutent le domaine eux-mêmes : saisissez seulement la partie avant.`,
  },
  'cname.mismatch': {
    title: 'Le CNAME pointe ailleurs',
    message: (a) => `${a.name} est un CNAME vers ${a.actual}, pas vers ${a.expected}.`,
    hint: (a) => `Remplacez sa valeur par ${a.expected}. Un domaine doublé (…example.fr.example.fr) signifie que l'hébergeur a ajouté le domaine à un nom complet.`,
  },
  'txt.present': {
    title: 'TXT attendu présent',
    message: (a) => `${a.name} a bien l'enregistrement TXT attendu « ${a.value} ».`,
  },
  'txt.missing': {
    title: 'TXT attendu absent',
    message: (a) => `${a.name} n'a pas l'enregistrement TXT « ${a.value} »${a.found.length ? ` (il a : ${a.found.map((v) => `« ${v} »`).join(', ')})` : ''}.`,
    hint: (a) => `Ajoutez un enregistrement TXT à ${a.name} avec la valeur exacte donnée par votre fournisseur : ${a.value}.`,
  },
  'mx.expected-present': {
    title: 'MX attendu présent',
    message: (a) => `${a.domain} a bien le MX attendu ${a.host}.`,
  },
  'mx.expected-missing': {
    title: 'MX attendu absent',
    message: (a) => `${a.domain} n'a pas de MX ${a.host}${a.found.length ? ` (ses MX : ${a.found.join(', ')})` : ''}.`,
    hint: (a) => `Ajoutez un enregistrement MX pour ${a.domain} vers ${a.host}, comme le demande votre fournisseur.`,
  },
  'mx.valid': {
    title: 'Les MX se résolvent',
    message: (a) => `${a.domain} reçoit son courrier sur ${a.hosts.join(', ')}.`,
  },
  'mx.missing': {
    title: "Pas d'enregistrement MX",
    message: (a) =>
      a.hasAddress
        ? `${a.domain} n'a pas d'enregistrement MX ; les expéditeurs se rabattent sur son adresse A/AAAA, qui est rarement un serveur de messagerie.`
        : `${a.domain} n'a ni MX ni adresse : il ne peut pas recevoir de courrier, les retours et les réponses sont perdus.`,
    hint: () => `Certains destinataires rejettent les messages d'un domaine qui ne peut pas recevoir de réponse. Publiez les MX de votre hébergeur de messagerie, ou un MX nul (« 0 . ») si le domaine ne doit jamais recevoir de courrier.`,
  },
  'mx.null': {
    title: 'MX nul : le domaine ne reçoit pas de courrier',
    message: (a) => `${a.domain} publie un MX nul (« 0 . ») : il déclare ne jamais recevoir de courrier.`,
    hint: () => `Les destinataires peuvent rejeter les messages envoyés DEPUIS un tel domaine (RFC 7505 §4.2), et réponses et retours sont impossibles. Retirez-le si ce domaine envoie des messages auxquels on répond.`,
  },
  'mx.host-unresolved': {
    title: "Le serveur MX n'a pas d'adresse",
    message: (a) => `Le serveur MX ${a.host} de ${a.domain} n'a pas d'adresse (${reasonText(a.reason, 'fr')}).`,
    hint: () => `Le courrier vers ce serveur ne peut pas être livré. Corrigez le nom dans l'enregistrement MX, ou publiez son enregistrement A/AAAA.`,
  },
  'mx.cname': {
    title: 'Le serveur MX est un CNAME',
    message: (a) => `Le serveur MX ${a.host} de ${a.domain} est un CNAME vers ${a.target} ; un MX doit désigner un nom avec ses propres adresses.`,
    hint: (a) => `Faites pointer le MX directement vers ${a.target}.`,
  },
  'mx.ip-literal': {
    title: 'Le MX est une adresse IP',
    message: (a) => `Le MX de ${a.domain} est « ${a.host} », une adresse IP ; un MX doit être un nom d'hôte.`,
    hint: () => `Créez un nom (mx.<domaine>) avec un enregistrement A vers cette adresse et utilisez-le dans le MX.`,
  },
};
