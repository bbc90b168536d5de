"""Italian buyer cues. Patterns run on folded text: lower case, accents stripped ("è" -> "e")."""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:pacco|ordine|spedizione|pacchetto|merce|articolo|prodotto|acquisto|collo|ordinazione)"
_BOX = r"(?:scatola|pacco|busta|confezione|pacchetto|scatolo|imballo|imballaggio|cartone)"
_NOT_GOODS = r"\b(?:numero|tracking|tracciamento|codice|risposta|rimborso|e-?mail|messaggio|fattura|conferma|notizie)\b"
_OPTION_NOUN = r"(?:opzione|soluzione|proposta|scelta|possibilita|alternativa|offerta)"
_PARTICIPLE_BROKEN = r"(?:rott\w*|danneggiat\w*|spaccat\w*|distrutt\w*|in frantumi|a pezzi|ammaccat\w*|schiacciat\w*|apert\w*|bagnat\w*|scheggiat\w*|graffiat\w*|rigat\w*|crepat\w*)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:non|mai|nessun\w*)\b\s*(?:\w+\s+){0,3}?(?:arrivat\w*|ricevut\w*|consegnat\w*|giunt\w*|pervenut\w*|arriva\b|arrivera|recapitat\w*)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:sto ancora aspettando|aspetto ancora|ancora in attesa|sono in attesa)\b", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, rf"\b{_GOODS}\b.{{0,20}}?\b(?:perso|smarrit\w*|scompars\w*|perduto|persa)\b|\bsmarrit\w*"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:rispedit\w*|tornat\w*|res[oa]|rimandat\w*)\s+al\s+mittente\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:risulta|risultava|segna|indica)\s+consegnat\w*|\bin ritardo\b|\britardo\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*(?:giorni|gg)\b|\b(?:[2-9]|\d{2})\s*settimane\b|\b\d+\s*mes[ei]\b"),
    cue(LATE, 1.0, r"\b(?:un|una|due|tre|quattro|cinque|sei|diverse|diversi|alcune|alcuni|parecchie|parecchi|piu di un|piu di una)\s+(?:settimane|settimana|mesi|mese)\b(?:\s+fa)?|\bda (?:tanto|molto) tempo\b"),
    cue(LATE, 0.5, r"\b(?:ancora|gia)\b"),
    # --- tracking -------------------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\b(?:numero|codice|link)\s+(?:di\s+)?(?:tracciamento|tracking|spedizione|monitoraggio)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\btracking\b|\btracciamento\b|\btracciare\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bdove\b.{{0,25}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bquando\b.{0,40}?\b(?:verra|sara|saranno|arrivera|arriveranno|arriva|spedirete|spedite|ricevero|partira|consegnerete|spedito|spedita|inviato|inviata)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:e|sono)\s+(?:gia\s+)?(?:stat[oi]\s+|stata\s+)?(?:spedit\w*|inviat\w*|partit\w*)\s*\?|\bstato (?:dell'ordine|della spedizione)\b|\bdata di consegna\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:bloccat\w*|ferm\w*)\s+(?:in|alla)\s+dogana\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:articolo|prodotto|oggetto|modello|pacco|ordine)\s+sbagliat\w*|\bsbagliat\w*\s+(?:articolo|prodotto|oggetto|modello)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bnon\s+(?:e\s+)?(?:quello|cio|l'articolo|il prodotto|quanto)\s+che\s+(?:ho|avevo|abbiamo)\s+(?:ordinato|comprato|acquistato|scelto)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0,
        r"\b(?:altro|un altro|diverso|tutt'altro)\s+(?:articolo|prodotto|oggetto|modello)\b|\b(?:articolo|prodotto|oggetto|modello)\s+(?:completamente\s+|totalmente\s+)?(?:divers\w*|differente)\b(?!\s+da(?:l|lla|lle|i|gli)?\s+(?:foto|descrizione|immagin\w*|annuncio))"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:ordinato|comprato|acquistato)\b(?:(?!non|mai\b|ancora).){1,60}?\b(?:arrivat\w*|ricevut\w*|mandato|inviato|spedito|consegnato)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:invece|al posto)\s+(?:di|del|della|dello|dei|degli|delle)\s+(?:\w+\s+)?(?:ordinat\w*|acquistat\w*|comprat\w*)\b|\binvece di quello che ho ordinato\b"),
    cue(I.WRONG_ITEM, 0.3, r"\binvece (?:di|del|della|dei)\b|\bal posto (?:di|del|della)\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bdescrizione\s+(?:\w+\s+){0,3}?(?:non accurata|imprecisa|errata|sbagliata|inesatta|ingannevole|fuorviante)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\bnon\s+(?:e\s+)?(?:conforme|corrisponde\w*|rispecchia|somiglia)\b.{0,30}?\b(?:descrizione|foto|immagin\w*|annuncio|inserzione|scheda)", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\bnon\s+(?:e\s+)?come\s+(?:descritto|in foto|nella foto|nelle foto|nell'annuncio|da descrizione|mostrato|pubblicizzato)\b|\bnon conforme\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:diverso|divers\w*|differente)\s+da(?:l|lla|lle|i|gli)?\s+(?:foto|descrizione|immagin\w*|annuncio|inserzione)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:colore|materiale|tessuto|fantasia|stampa|tonalita|finitura)\b.{0,30}?\b(?:sbagliat\w*|divers\w*|non corrisponde|differente|non e (?:lo|quello|la)|tutt'altro)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:falso|contraffatt\w*|non originale|imitazione|tarocc\w*|ingannevole)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bdoveva essere\b|\b(?:descrizione|foto|annuncio)\s+(?:dice|diceva|indica|mostra|riporta)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\bnon\s+(?:e\s+)?(?:di\s+|in\s+)?(?:vera\s+)?(?:pelle|cotone|legno|acciaio|argento|oro|seta|lana)\b", negatable=False),
    # --- quality --------------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:prestazioni|qualita)\b.{0,20}?\b(?:non adeguat\w*|inadeguat\w*|insufficient\w*)"),
    cue(I.QUALITY_DEFECT, STRONG, r"\bnon\s+(?:\w+\s+)?(?:funziona\w*|si accende|si carica|parte|carica|va piu|si apre|scalda)\b", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\bsmess\w*\s+di\s+(?:funzionare|caricare|accendersi|andare)\b"),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:difettos\w*|guast\w*|malfunzionament\w*|non va\b|difetto|difetti)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:pessima|scarsa|bassa|cattiva|scadente|orribile)\s+qualita\b|\bqualita\b.{0,20}?\b(?:pessima|scarsa|scadente|bassa|orribile|deludente)\b|\bscadente\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:si spegne da sol\w*|si spegne|inutilizzabil\w*|fa rumore|rumoros\w*|si surriscalda|surriscald\w*|si blocca|sfarfall\w*|fragile|fatto male|mal fatto|non tiene|gracchia)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:scolori\w*|stinge|stinto|pallin\w*|ruggin\w*|arrugginit\w*|scucit\w*|si scuce|si stacca|staccat\w*|puzza|odore|macchi\w*|sfilacciat\w*|muffa)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:rott[oaie]|si e rott\w*|spaccat\w*|crepat\w*|crepa|incrinat\w*|graffiat\w*|graffi\w*|ammaccat\w*|piegat\w*|strappat\w*|scheggiat\w*|perde|rigat\w*|bucat\w*)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\b(?:danneggiat\w*|danni|danno)\b"),
    cue(I.DAMAGED, 1.4, rf"\b(?:arrivat\w*|giunt\w*|ricevut\w*|consegnat\w*)\s+(?:\w+\s+){{0,3}}?{_PARTICIPLE_BROKEN}"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:distrutt\w*|schiacciat\w*|rott\w*|danneggiat\w*|apert\w*|bagnat\w*|ammaccat\w*|strappat\w*|sfondat\w*)"),
    cue(I.DAMAGED, 1.0, r"\b(?:in frantumi|a pezzi|distrutt\w*|frantumat\w*|schiacciat\w*)\b"),
    cue(ARRIVAL, 1.0, r"\b(?:durante|nel|nella)\s+(?:il\s+)?(?:trasporto|spedizione|consegna)\b|\b(?:arrivat\w*|ricevut\w*|consegnat\w*|all'apertura|aprendo|appena apert\w*)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bdopo\s+(?:solo\s+|appena\s+|soltanto\s+)?(?:\d+|un|una|due|tre|quattro|pochi|poche|qualche|alcuni|alcune|il primo|la prima|il secondo)\b.{0,15}?(?:giorni|giorno|settimane|settimana|mesi|mese|utilizz\w*|usi|uso|lavaggi\w*|volte|ore)"),
    cue(AFTER_USE, 1.0, r"\b(?:al|dopo il|col)\s+(?:primo|secondo|terzo)\s+(?:utilizzo|uso|lavaggio)\b|\bnon\s+(?:\w+\s+)?piu\b"),
    # --- missing --------------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bmanca\w*|\bmancant\w*"),
    cue(I.MISSING_PARTS, STRONG, r"\bincomplet\w*|\bdimenticat\w*\s+(?:di\s+)?(?:mettere|inserire|includere|spedire)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bnon\s+(?:c'era|c'erano|e incluso|e inclusa|sono inclus\w*|era incluso|era inclusa|present\w*)\b", negatable=False,
        veto=r"\b(?:niente|nulla)\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bsolo\s+(?:\d+|un|una|due|tre)\s+(?:\w+\s+)?(?:su|invece di|anziche)\b"),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\bdogan\w*", veto=r"\b(?:bloccat\w*|ferm\w*)\s+(?:in|alla)\s+dogana\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:dazi\w*|tasse\s+(?:di\s+|d')?(?:importazione|doganali)|spese doganali|sdoganamento|oneri doganali)\b"),
    cue(I.CUSTOMS_TAX, STRONG, r"\b(?:pagare|pagato|pagat\w*|addebitat\w*|chiesto|versare)\b.{0,40}?\b(?:dogana|dazi\w*|tasse|iva)\b"),
    cue(I.CUSTOMS_TAX, 0.5, r"\b(?:iva|tasse)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b\s*(?:\w+\s+){{0,3}}?(?:completamente\s+)?vuot\w*"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\bnon c'era (?:niente|nulla)\b|\b(?:niente|nulla)\s+(?:dentro|all'interno)\b|\bsenza (?:niente|nulla) dentro\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bvuot\w*"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\btroppo\s+(?:piccol\w*|grand\w*|strett\w*|larg\w*|cort\w*|lung\w*|aderent\w*)"),
    cue(I.SIZE_FIT, STRONG, r"\b(?:calza|calzano|veste|vestono|vesta|calzi)\s+(?:molto\s+|un po'\s+|decisamente\s+)?(?:piccol\w*|grand\w*|strett\w*|larg\w*|abbondant\w*)"),
    cue(I.SIZE_FIT, 1.0, r"\bnon\s+(?:mi|ti|le|gli|ci)\s+(?:va|vanno|sta|stanno|entra|entrano|calza|calzano)\b|\bnon\s+(?:calza|calzano|entra|entrano)\b", negatable=False),
    cue(I.SIZE_FIT, STRONG,
        r"\b(?:taglia|misura|numero|taglie)\s+(?:\w+\s+){0,2}?(?:e|sono|era|risulta|sembra|mi sembra)\s+(?:\w+\s+)?(?:piccol\w*|grand\w*|sbagliat\w*|strett\w*|larg\w*)|\b(?:taglia|misura|numero)\s+(?:sbagliat\w*|non va|non e giusta|non corrisponde)\b|\bveste\s+(?:molto\s+)?(?:piccolo|grande|stretto|largo)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:cambi(?:o|are|arla|arlo|arle|arli|armi)|sostituir\w*|scambi\w*)\b.{0,30}?\b(?:con|in|per)\b"),
    cue(I.EXCHANGE_REQUEST, MEDIUM, r"\b(?:cambio|scambio|sostituzione)\b"),
    cue(I.EXCHANGE_REQUEST, STRONG, r"\bcambi(?:are|armi|ate|ami)\s+(?:la|il|l')\s*(?:taglia|colore|misura|numero|modello|articolo)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:taglia|misura|colore)\s+(?:piu\s+)?(?:grande|piccola|divers\w*|successiva|precedente)\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:per errore|ho sbagliato|mio errore|colpa mia|erroneamente|per sbaglio)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bcome\b.{0,30}?\b(?:si usa|usare|resett\w*|reset\w*|ripristin\w*|aggiorn\w*|sincronizz\w*|spegn\w*|ricaric\w*|scaric\w*|utilizz\w*|install\w*|montar\w*|monta|impost\w*|configur\w*|collega\w*|accend\w*|carica\w*|funziona|aprire|pulire|assembl\w*|regol\w*|abbina\w*|attiv\w*|si monta|si accende)\b",
        negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\bnon capisco\b|\bnon riesco a\b|\bnon so come\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\bcompatibil\w*"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:istruzioni|manuale|libretto)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\bannull\w*", veto=r"\b(?:controversia|reclamo|contestazione|disputa|reso|segnalazione)\b"),
    cue(I.CANCELLATION, STRONG, r"\bcancella\w*\s+(?:l'ordine|ordine|il mio ordine|acquisto|l'acquisto)\b|\bdisdir\w*"),
    cue(I.CANCELLATION, 1.0, r"\bnon\s+(?:lo\s+|la\s+)?(?:spedite|spedire|inviate|mandate|inviare)\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\bnon\s+(?:mi\s+)?serve\s+piu\b|\bnon\s+(?:lo|la)\s+voglio\s+piu\b|\bho cambiato idea\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:opzione|soluzione|proposta|scelta)", r"grazie|per favore|va bene"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:n\.?\s*|numero\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        r"\b(?:scelgo|preferisco|prendo|accetto|vorrei|voglio|opto per|va bene|ok|scegliamo|preferiamo)\b\s+(?:per\s+)?(?:la\s+|il\s+|l')?(?P<ord>{NTH})\b(?!\s*(?:volta|giorni|settimane|mesi|pezz\w*))"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:la|il|l'|opzione|numero)?\s*(?P<ord>{NTH})\W*(?:grazie|per favore|va bene|ok|grazie mille)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:accetto|scelgo|preferisco|va bene|ok per|d'accordo (?:per|con)|prendo)\b.{0,25}?\b(?:rimborso parziale|buono|codice sconto|sconto|coupon|proposta|offerta|soluzione|risarcimento)\b"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:accetto|scelgo|preferisco|vorrei)\b.{0,25}?\b(?:rimborso|sostituzione|rispedizione)\b"),
)

LEXICON = Lexicon(
    language="it",
    cues=CUES,
    ordinals=(
        (r"prim[oa]", 1),
        (r"second[oa]", 2),
        (r"terz[oa]", 3),
        (r"quart[oa]", 4),
        (r"ultim[oa]", 0),
    ),
    cardinals=((r"uno", 1), (r"due", 2), (r"tre", 3), (r"quattro", 4)),
    negation_before=r"\b(?:non|mai|nessun\w*|senza|ne)\b",
    clause_break=r"[.,;:!?\n()]|\b(?:ma|pero|perche|anche se|invece)\b",  # not "e": folded "è" reads the same
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:recension\w*|feedback|valutazion\w*|stelle)\b",
    change=r"\b(?:modific\w*|cambi\w*|rimuov\w*|rimoss\w*|elimin\w*|aggiorn\w*|riconsider\w*|rivedere|ritir\w*)\b",
    incentive=r"\b(?:rimbors\w*|scont\w*|gratuit\w*|gratis|regal\w*|buoni?|coupon|compens\w*|in cambio|ricompens\w*|risarc\w*)\b",
    positive=r"\b(?:positiv\w*|cinque stelle|5 stelle|buona recensione)\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|chiamateci|telefonicamente|al di fuori di (?:amazon|ebay))\b",
    marketing=r"\b(?:newsletter|seguiteci|seguici|visitate il nostro (?:negozio|sito)|nuova collezione|iscrivet\w*|facebook|instagram|tiktok)\b",
)
