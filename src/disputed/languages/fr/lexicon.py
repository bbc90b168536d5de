"""French buyer cues. Patterns run on folded text: lower case, accents stripped ("reçu" -> "recu")."""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:colis|commande|paquet|envoi|article|produit|achat|livraison|marchandise)"
_BOX = r"(?:colis|carton|paquet|boite|enveloppe|sachet|emballage|boîte)"
_NOT_GOODS = r"\b(?:numero|suivi|reponse|remboursement|code|e-?mail|mail|message|facture|confirmation|nouvelles?)\b"
_OPTION_NOUN = r"(?:option|solution|proposition|choix|possibilite|offre|alternative)"
_PARTICIPLE_BROKEN = r"(?:casse\w*|brise\w*|abime\w*|endommag\w*|fissur\w*|fele\w*|en morceaux|ecrase\w*|tordu\w*|ouvert\w*|mouill\w*|raye\w*|defonc\w*|detruit\w*)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:pas|jamais|rien|toujours pas|point)\b\s*(?:\w+\s+){0,2}?(?:recu|recus|recue|recues|arrive|arrivee|arrives|arrivees|livre|livree|livres|eu\b|parvenu\w*)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:j'attends|attends|attendons|j'attend)\s+(?:toujours|encore|depuis)\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, MEDIUM, rf"\b(?:pas|aucune?|sans)\s+(?:de\s+)?nouvelles?\b.{{0,20}}?\b{_GOODS}|\btoujours rien\b", negatable=False),
    cue(I.NOT_RECEIVED, 1.4, rf"\b{_GOODS}\b.{{0,20}}?\b(?:perdu|egare|disparu|introuvable)\w*"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:retourne|renvoye)\w*\s+(?:a|vers)\s+l'expediteur\b|\bretour (?:a|vers) l'expediteur\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\bindique\w*\s+(?:comme\s+)?livre\w*\b|\b(?:en retard|retard de livraison|retarde\w*)\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*jours\b|\b(?:[2-9]|\d{2})\s*semaines\b|\b\d+\s*mois\b"),
    cue(LATE, 1.0, r"\b(?:plus d'un|plus de|presque|pres de|deux|trois|quatre|cinq|six|plusieurs|un)\s+(?:semaines|mois)\b|\bdes semaines\b|\bune eternite\b|\bdepuis longtemps\b"),
    cue(LATE, 0.5, r"\b(?:toujours|encore|deja)\b"),
    # --- tracking -------------------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\b(?:numero|n°|no|code|lien|reference)\s+(?:de\s+)?(?:suivi|tracking|colis)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\bsuivi\b|\btracking\b|\bsuivre (?:mon|le|ma) (?:colis|commande)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bou\s+(?:est|en est|se trouve|sont|en sont)\b.{{0,20}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bquand\b.{0,40}?\b(?:sera|seront|va|vont|allez|pourrai|pourrais|recevrai|recevrais|arrivera|arriveront|expedierez|livrerez|partira|est-ce que|expedie\w*|envoye\w*)\b",
        negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:a|est|ont|sont)[- ](?:t-)?(?:elle|il|ils|elles|vous)\s+(?:deja\s+)?(?:ete\s+)?(?:expedi|envoy|part|livr)\w*|\bstatut\b|\bdate de livraison\b|\bdelai de livraison\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:bloque|retenu|coince)\w*\s+(?:a|en|par la)\s+douane\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:mauvais|faux|mauvaise)\s+(?:article|produit|colis|objet|modele|commande|piece)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bpas\s+(?:l'article|le produit|ce que|celui que|celle que|l'objet|le modele|la commande)\b.{0,25}?\b(?:commande|achete|choisi)\w*", negatable=False),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:un autre|une autre|tout autre|autre|completement different)\s+(?:article|produit|objet|modele|chose)\b|\b(?:article|produit|objet|modele)\s+(?:completement |totalement |tout a fait )?(?:different|autre)\b(?!\s+(?:de|des|du) (?:la |l')?(?:photo|description|annonce|image))"),
    cue(I.WRONG_ITEM, 1.0, r"\bcommande\w*\b(?:(?![.!?]|pas\b|jamais|rien|toujours|aucun|\bn'|\bne\b).){1,60}?\b(?:recu|eu|livre|envoye)\w*\b"),
    cue(I.WRONG_ITEM, 1.0, r"\bvous (?:m'avez|avez) envoye\b.{0,15}?\b(?:mauvais|autre|faux|erreur)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:au lieu|a la place)\s+(?:de|du|des|d')\s*(?:la\s+|l'|le\s+)?(?:\w+\s+)?(?:commande\w*|achete\w*)\b|\b(?:au lieu|a la place) de ce que j'ai commande\b"),
    cue(I.WRONG_ITEM, 0.3, r"\bau lieu (?:de|d')|\ba la place (?:de|d')"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bdescription\s+(?:\w+\s+){0,3}?(?:inexacte|erronee|fausse|incorrecte|trompeuse|mensongere)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\bne\s+(?:\w+\s+)?correspond\w*\s+(?:\w+\s+)?pas\b.{0,30}?\b(?:description|photo|photos|image|images|annonce|fiche|site|presentation|descriptif)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\b(?:pas|non)\s+conforme\w*|\bpas\s+comme\s+(?:sur|dans|decrit|indique|annonce|presente|en photo)\b|\bpas ce qui (?:est|etait) (?:decrit|annonce)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:couleur|matiere|tissu|motif|teinte|style|coloris|finition)\b.{0,40}?\b(?:pas la bonne|pas la meme|pas le bon|differente?s?|ne correspond|pas conforme|fausse|mauvaise|rien a voir)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:mauvaise|fausse)\s+(?:couleur|teinte|matiere|coloris)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bdifferent\w*\s+(?:de|des|du|par rapport a)\s+(?:la |l'|les )?(?:photo|photos|description|annonce|image|images|fiche)\b|\brien a voir avec\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:contrefacon|faux produit|pas d'origine|pas original|copie|imitation|trompeu\w*|mensonger\w*|arnaque)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:la|le|l')\s*(?:description|photo|annonce|fiche|descriptif)\b.{0,20}?\b(?:indique|dit|montre|annonce|precise|affiche)\b|\bcense etre\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bpas\s+(?:du|en|de)\s+(?:vrai\s+)?(?:cuir|coton|bois|metal|inox|argent|or|soie|laine)\b", negatable=False),
    # --- quality --------------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:performances?|qualite)\b.{0,20}?\b(?:non adequat\w*|inadequat\w*|insuffisant\w*|pas a la hauteur)"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:ne|n')\s*(?:\w+\s+)?(?:fonctionne|fonctionnent|marche|marchent|s'allume|s'allument|allume|charge|demarre|chauffe|tourne|s'ouvre|fonctionnait|marchait)\w*\s+(?:plus|pas|jamais)\b",
        negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:defectueu\w*|defaut\w*|en panne|hs\b|hors service|dysfonctionn\w*|tombe en panne|ne fonctionne)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:mauvaise|mediocre|pietre|tres mauvaise|horrible|nulle?|bas de gamme|basse)\s+qualite\b|\bqualite\b.{0,25}?\b(?:mediocre|nulle?|mauvaise|horrible|decevante|deplorable|catastrophique|pas terrible|lamentable|bof)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:s'eteint|s'eteignent|s'arrete tout seul|s'arrete toute seule|inutilisable|ne tient pas|ne tient plus|grésille|gresille|surchauffe|chauffe trop|clignote|fait du bruit|se bloque|bloque|mal fini|mal cousu|camelote|fragile)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:bouloch\w*|decolor\w*|deteint\w*|delave\w*|rouill\w*|decoud\w*|decousu\w*|se decolle\w*|decolle\w*|taches?|tache\w*|odeur|pue|sent mauvais|effiloch\w*|s'abime\w*|s'use\w*|moisi\w*|peluche\w*)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0, r"\b(?:casse\w*|brise\w*|fissur\w*|fele\w*|ebrech\w*|raye\w*|rayure\w*|dechir\w*|tordu\w*|bosse\w*|fuit|fuite|abime\w*|en morceaux|trou\w*|craque\w*)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\b(?:endommag\w*|deterior\w*|dommage\w*|degats?)\b"),
    cue(I.DAMAGED, 1.4, rf"\b(?:arrive|arrivee|arrives|arrivees|recu|recue|recus|livre|livree|livres)\s+(?:\w+\s+){{0,2}}?{_PARTICIPLE_BROKEN}", negatable=False),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:ecrase\w*|abime\w*|endommag\w*|dechir\w*|eventre\w*|mouill\w*|ouvert\w*|defonc\w*|cabosse\w*|enfonce\w*|detruit\w*)"),
    cue(I.DAMAGED, 1.0, r"\b(?:ecrase\w*|en miettes|en mille morceaux|en morceaux|detruit\w*|pulveris\w*)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:pendant|durant|lors du|lors de la|au cours du|au cours de la)\s+(?:le\s+)?(?:transport|livraison|acheminement|expedition)\b|\b(?:arrive\w*|recu\w*|livr\w*|a l'ouverture|en ouvrant|au deballage|deball\w*)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bapres\s+(?:seulement\s+|juste\s+|a peine\s+)?(?:\d+|un|une|deux|trois|quatre|quelques|plusieurs|le premier|la premiere|peu de|une seule)\b.{0,20}?(?:jours?|semaines?|mois|utilisations?|lavages?|fois|heures?|usages?|ports?|charges?)"),
    cue(AFTER_USE, 1.0, r"\b(?:au|des le|apres le|lors du|des la|apres la)\s+(?:premier|premiere|deuxieme|second|seconde)\s+(?:lavage|usage|utilisation|port|essai|charge)\b|\bne\s+(?:\w+\s+){0,2}plus\b"),
    # --- missing --------------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\b(?:il\s+)?manqu\w*\b"),
    cue(I.MISSING_PARTS, STRONG, r"\b(?:pas|non)\s+(?:inclus\w*|fourni\w*|livre avec|dans le (?:colis|carton|paquet|boite)|present\w*)\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\bincomplet\w*|\boubli\w*\s+(?:de\s+)?(?:mettre|joindre|envoyer|inclure)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bseulement\s+(?:\d+|un|une|deux|trois)\s+(?:\w+\s+)?(?:sur|au lieu de)\b"),
    cue(I.MISSING_PARTS, 0.6, r"\bsans\s+(?:les?\s+|la\s+)?(?:vis|cable|chargeur|telecommande|notice|accessoires?|piles?|couvercle|pieces?)\b", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:frais|droits?|taxes?)\s+(?:de\s+|d')?(?:douane|importation|dedouanement)\b"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\bdouane\w*", veto=r"\b(?:bloque|retenu|coince)\w*\s+(?:a|en|par la)\s+douane\b"),
    cue(I.CUSTOMS_TAX, 0.6, r"\b(?:tva|taxe\w*|droits d'importation|octroi de mer)\b"),
    cue(I.CUSTOMS_TAX, 1.0, r"\b(?:paye|payer|regle|regler|facture|demande|preleve)\w*\b.{0,30}?\b(?:douane|taxe\w*|tva)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b\s*(?:\w+\s+){{0,3}}?(?:completement |totalement )?vide\b"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\brien\s+(?:a l'interieur|dedans|dans le (?:colis|carton|paquet|boite))\b|\bil n'y avait rien\b|\bne contenait rien\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bvide\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\btrop\s+(?:petit|grand|serre|large|court|long|etroit|ample|juste)\w*"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:ne|n')\s*(?:me |lui |m')?(?:va|vont|allait|convient|rentre)\s+pas\b", negatable=False),
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:taille|pointure)\s+(?:\w+\s+){0,2}?(?:pas bonne|mauvaise|ne correspond|ne convient|ne va|fausse|(?:est|etait|sont)\s+(?:trop\s+|bien\s+|tres\s+)?(?:petit|grand)\w*)|\btaill(?:e|ent)\s+(?:tres\s+|un peu\s+|vraiment\s+)?(?:petit|grand)\w*"),
    cue(I.SIZE_FIT, 1.0, r"\bmauvaise\s+(?:taille|pointure)\b|\bguide des tailles\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\bechang\w*"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:changer|remplacer|modifier)\b.{0,30}?\b(?:contre|par|pour|en)\s+(?:une?\s+)?(?:taille|couleur|pointure|modele|autre)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:taille|couleur|pointure)\s+(?:au-dessus|au dessus|en dessous|plus grande|plus petite)\b|\bune autre (?:taille|couleur)\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:par erreur|je me suis trompe\w*|mon erreur|ma faute|par megarde|me suis trompe)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bcomment\b.{0,40}?\b(?:utilis\w*|install\w*|reinitialis\w*|remettre a zero|reset\w*|mettre a jour|synchronis\w*|regl\w*|monte\w*|monter|assembl\w*|connect\w*|branch\w*|allum\w*|configur\w*|fonctionne|marche|charg\w*|nettoy\w*|appair\w*|activ\w*|se sert|servir|parametr\w*|mettre en marche|faire pour|ouvr\w*|fix\w*)",
        negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\bje n'arrive pas a\b|\bje ne (?:sais|comprends) pas (?:comment|quoi)\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\bcompatible\w*"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:notice|mode d'emploi|manuel|instructions)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\bannul\w*", veto=r"\b(?:litige|reclamation|dispute|retour|demande de remboursement|plainte)\b"),
    cue(I.CANCELLATION, 1.0, r"\bne pas (?:l'|les\s+)?(?:expedier|envoyer)\b|\bn'(?:expediez|envoyez)\s+pas\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:plus besoin|change d'avis|changé d'avis)\b|\bje n'en (?:ai|veux) plus\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:option|solution|proposition|choix)", r"svp|s'il vous plait|merci|me convient"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:n°\s*|no\.?\s*|numero\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        r"\b(?:choisis|choisir|prends|prendre|prefere|opte pour|retiens|accepte|souhaite|voudrais|veux|aimerais|optons pour)\b.{0,15}?\b(?P<ord>{NTH})\b(?!\s*(?:jours?|semaines?|mois|fois|pieces?|articles?|exemplaires?))"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:la|le|l'|option|solution|numero|n°)?\s*(?P<ord>{NTH})\W*(?:svp|s'il vous plait|merci|me convient|c'est bon|ok|svp merci)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:j'accepte|je prends|je choisis|je prefere|d'accord pour|ok pour|je veux bien|j'opte pour|je retiens)\b.{0,25}?\b(?:remboursement partiel|bon d'achat|code promo|reduction|remise|proposition|offre|solution|geste commercial|dedommagement|avoir)\b"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:j'accepte|je prends|je choisis|je prefere|je voudrais)\b.{0,25}?\b(?:remboursement|remplacement|renvoi|nouvel envoi)\b"),
)

LEXICON = Lexicon(
    language="fr",
    cues=CUES,
    ordinals=(
        (r"premier|premiere|1er|1ere|1re", 1),
        (r"deuxieme|second|seconde|2e|2eme|2nd|2nde", 2),
        (r"troisieme|3e|3eme", 3),
        (r"quatrieme|4e|4eme", 4),
        (r"derniere?", 0),
    ),
    cardinals=((r"un|une", 1), (r"deux", 2), (r"trois", 3), (r"quatre", 4)),
    negation_before=r"(?:\bne\b|\bn'|\bpas\b|\bjamais\b|\baucun\w*|\bsans\b|\bnon\b|\bni\b|\brien\b)",
    clause_break=r"[.,;:!?\n()]|\b(?:mais|et|cependant|pourtant|car|parce que)\b",
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:avis(?! de passage)|évaluations?|étoiles?|commentaires? (?:client|laissé)\w*)\b",
    change=r"\b(?:modifi\w*|chang\w*|supprim\w*|retir\w*|reconsidér\w*|mettre à jour|mise à jour|revoir|révis\w*)\b",
    incentive=r"\b(?:rembours\w*|remises?|réductions?|gratuit\w*|cadeaux?|bons? d'achat|coupons?|compens\w*|en échange|récompens\w*|dédommag\w*)\b",
    positive=r"\b(?:positi\w*|cinq étoiles|5 étoiles|bon avis|bonne (?:note|évaluation))\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|appelez-nous|appelez nous|par téléphone|en dehors d(?:'amazon|'ebay|e la plateforme))\b",
    marketing=r"\b(?:newsletter|suivez-nous|suivez nous|visitez notre (?:boutique|site)|nouvelle collection|abonnez\w*|facebook|instagram|tiktok)\b",
)
