"""German buyer cues.

Text and patterns are folded: lower case, umlauts and their "ae/oe/ue"
spellings both read as the plain vowel, "ß" as "ss" ("Größe" -> "grosse",
"Steuer" -> "steur"). Patterns below keep the natural spelling; they are folded
the same way when compiled.
"""

from disputed.vocabulary import Issue as I

from disputed.parsers.lexicon import AFTER_USE, ARRIVAL, BROKEN, LATE, MEDIUM, OWN_MISTAKE, STRONG, WEAK, Lexicon, cue, letter_option_cue

_GOODS = r"(?:paket|päckchen|packchen|sendung|bestellung|lieferung|ware|artikel|produkt|sachen?)"
_BOX = r"(?:paket|päckchen|karton|schachtel|verpackung|umschlag|umkarton|sendung|kiste|tüte|box)"
_NOT_GOODS = r"(?:sendungsnummer|trackingnummer|tracking|antwort|rückmeldung|erstattung|geld|e-?mail|nachricht|rechnung|code|info|bestätigung)"
_OPTION_NOUN = r"(?:option|möglichkeit|lösung|vorschlag|variante|angebot|alternative|wahl|lösungsvorschlag)"

CUES = (
    # --- not received -------------------------------------------------------------------------
    cue(I.NOT_RECEIVED, 1.4,
        r"\b(?:nicht|nich|nie|niemals|keine?n?|nichts|nix)\b\s*(?:\w+\s+){0,3}?(?:angekommen|erhalten|bekommen|geliefert|zugestellt|eingetroffen|da\b|angeliefert|ankommen|erreicht)",
        negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.4, r"\b(?:warte|warten|wartet)\b.{0,30}?\b(?:immer noch|noch immer|seit|vergeblich|weiterhin)\b|\b(?:immer noch|noch immer)\b.{0,20}?\bwarte", negatable=False, veto=_NOT_GOODS),
    cue(I.NOT_RECEIVED, 1.6, r"\bfehlt jede spur\b|\b(?:paket|sendung|bestellung|lieferung)\b.{0,20}?\b(?:verloren|verschwunden|verloren gegangen|weg)\b"),
    cue(I.NOT_RECEIVED, STRONG, r"\b(?:zurück|retour)\b.{0,15}?\b(?:an den absender|zum absender|an den verkäufer|an sie)\b|\bunzustellbar\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:als zugestellt|zugestellt angezeigt|laut sendungsverfolgung zugestellt|steht zugestellt)\b"),
    cue(I.NOT_RECEIVED, MEDIUM, r"\b(?:verspät\w*|zu spät|überfällig|dauert ewig|lieferverzug|verzögert)\b"),
    # --- lateness -------------------------------------------------------------------------------
    cue(LATE, 1.0, r"\b(?:[1-9]\d|\d{3})\s*tage?n?\b|\b(?:[2-9]|\d{2})\s*wochen?\b|\b\d+\s*monate?n?\b"),
    cue(LATE, 1.0, r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|mehreren|mehrere|vielen|paar|einem|einen)\s+(?:wochen|monat|monate|monaten)\b|\bewig\b|\bseit langem\b"),
    cue(LATE, 0.5, r"\b(?:immer noch|noch immer|noch nicht|schon)\b"),
    # --- tracking inquiry -----------------------------------------------------------------------
    cue(I.TRACKING_INQUIRY, STRONG, r"\b(?:sendungsnummer|sendungsverfolgung|trackingnummer|tracking-nummer|tracking-?link|verfolgungsnummer|paketnummer|tracking\s*(?:nummer|nr|code|id))\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\btracking\b|\bverfolgen\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, rf"\bwo\b.{{0,25}}?\b(?:ist|sind|bleibt|steckt|befindet)\b.{{0,20}}?\b{_GOODS}", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0,
        r"\bwann\b.{0,40}?\b(?:versand\w*|verschickt|versendet|geliefert|ankommen|kommt|zugestellt|da sein|losgeschickt|abgeschickt|rausgeht|raus|erhalte|bekomme|liefern|eintreffen)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, 1.0, r"\b(?:schon|bereits)\s+(?:verschickt|versandt|versendet|unterwegs|raus|abgeschickt)\b|\b(?:versandstatus|lieferstatus|sendungsstatus|lieferdatum|liefertermin)\b", negatable=False),
    cue(I.TRACKING_INQUIRY, MEDIUM, r"\b(?:beim|im|am)\s+zoll\b.{0,20}?\b(?:fest|hängt|liegt|gestrandet|blockiert)\b"),
    # --- wrong item -----------------------------------------------------------------------------
    cue(I.WRONG_ITEM, 1.4, r"\b(?:falsche[nrsm]?|verkehrte[nrsm]?)\s+(?:artikel|produkt|ware|sache|teil|modell|paket|sendung|bestellung|lieferung|gerät|ding)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\bnicht\s+(?:das|den|die|was)\b.{0,25}?\b(?:bestellt|gekauft|ausgesucht)\b", negatable=False),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:ganz |völlig |komplett )?(?:anderes?n?|andere[rm]?|fremde[snm]?)\s+(?:artikel|produkt|teil|ware|modell|gerät|paket)\b(?!.{0,12}\b(?:als|wie) (?:auf|im|in der) (?:bild|foto|beschreibung|angebot))"),
    cue(I.WRONG_ITEM, 1.0, r"\b(?:bestellt|gekauft)\b(?:(?!nicht|nie\b|kein).){1,60}?\b(?:bekommen|erhalten|geliefert|geschickt|kam|kamen)\b"),
    cue(I.WRONG_ITEM, 1.4, r"\b(?:statt|anstatt|anstelle)\s+(?:de[rsmn]|eine[rsmn]?)?\s*(?:\w+\s+)?(?:bestellten|gekauften)\b"),
    cue(I.WRONG_ITEM, 0.3, r"\b(?:statt|anstatt|anstelle)\b"),
    # --- not as described -----------------------------------------------------------------------
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:ungenaue|falsche|fehlerhafte|irreführende)\s+(?:artikel|produkt)?beschreibung\b|\bbeschreibung\s+(?:\w+\s+){0,3}?(?:ungenau|falsch|fehlerhaft|unzutreffend)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.4,
        r"\b(?:entspricht|entsprach|entsprechen|entsprachen|stimmt|stimmen)\s+(?:\w+\s+){0,3}?nicht\b.{0,25}?\b(?:beschreibung|abbildung|bild|bildern|foto|fotos|angebot|artikelbeschreibung|angaben|produktbeschreibung|überein)",
        negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.4, r"\bnicht\s+(?:wie\s+)?(?:beschrieben|abgebildet|angegeben|angepriesen|auf dem bild|auf den bildern|auf den fotos|im angebot|in der beschreibung)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:weicht|weichen|wich)\b.{0,40}?\bab\b|\babweich\w*"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:farbe|material|stoff|muster|druck|farbton|design|optik|oberfläche)\b.{0,30}?\b(?:falsch|anders|stimmt nicht|passt nicht|nicht die|nicht wie|ganz anders|völlig anders|abweich\w*|weicht)"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\bfalsche[nr]?\s+(?:farbe|farbton|muster|druck|material|ausführung)\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG, r"\b(?:beschreibung|bild|bilder|foto|fotos|abbildung|angebot)\b.{0,30}?\b(?:anders|falsch|irreführend|nicht überein|stimmt nicht|gelogen)\b|\birreführend\b"),
    cue(I.NOT_AS_DESCRIBED, STRONG,
        r"\b(?:blasser|dunkler|heller|kleiner|größer|dünner|billiger|anders|schlechter)\s+als\s+(?:auf|im|in|bei)\s+(?:den\s+|dem\s+|der\s+)?(?:foto|fotos|bild|bildern|abbildung|abbildungen|beschreibung|angebot|anzeige)\b"),
    cue(I.NOT_AS_DESCRIBED, 1.0, r"\b(?:fälschung|fake|plagiat|nicht original|kein original|nachgemacht|imitat)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:angeblich|laut beschreibung|laut angebot|sollte eigentlich|soll eigentlich)\b"),
    cue(I.NOT_AS_DESCRIBED, MEDIUM, r"\b(?:kein|keine|nicht aus)\s+(?:echte[sm]?\s+)?(?:leder|edelstahl|holz|massivholz|baumwolle|silber|gold|metall|seide|wolle)\b", negatable=False),
    cue(I.NOT_AS_DESCRIBED, 0.5, r"\bbillige[sn]?\s+plastik\b"),
    # --- quality defect -------------------------------------------------------------------------
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:leistung|qualität)\b.{0,20}?\b(?:ungenügend|unzureichend|mangelhaft|nicht ausreichend)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:funktioniert|funktionieren|funktionierte|geht|gehen|ging|läuft|laufen|lädt|startet|leuchtet|heizt|springt|schaltet)\b\s*(?:\w+\s+){0,4}?(?:nicht|nicht mehr|kaum|gar nicht|nie)\b",
        negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:lässt|ließ|liess|lassen)\s+sich\s+(?:\w+\s+){0,2}?(?:nicht|kaum|nicht mehr)\s+(?:mehr\s+|noch\s+)?(?:ein|an)?(?:schalten|laden|starten|öffnen|schließen|bedienen)\b", negatable=False),
    cue(I.QUALITY_DEFECT, STRONG, r"\b(?:defekt\w*|fehlerhaft\w*|mangelhaft\w*|funktionsunfähig|ausgefallen|versagt|wackelkontakt|totalausfall)\b"),
    cue(I.QUALITY_DEFECT, STRONG,
        r"\b(?:schlechte|miese|minderwertige|billige|mangelhafte|schlechter|miserable|schlechten|grottige)\s+(?:qualität|verarbeitung|material|naht|nähte)\b|\bqualität\b.{0,25}?\b(?:schlecht|mies|mangelhaft|miserabel|katastrophal|enttäuschend|minderwertig|unterirdisch)"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:klemmt|klemmen|hakt|haken|wackelt|quietscht|brummt|rauscht|knackt|flackert|flimmert|überhitzt|wird heiß|hängt sich auf|stürzt ab|schlecht verarbeitet|billig verarbeitet|unbrauchbar|fehlfunktion|schrott|lädt nicht|hält nicht)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:naht|nähte|reißverschluss|reissverschluss|knopf|sohle|gurt|henkel|schnalle|griff|träger)\b.{0,25}?\b(?:aufgegangen|gerissen|abgefallen|gelöst|ab|lose|locker|abgerissen|kaputt gegangen)\b"),
    cue(I.QUALITY_DEFECT, 1.0,
        r"\b(?:verfärbt|färbt ab|abgefärbt|ausgeblichen|verblasst|rostet|verrostet|rost|riecht|gestank|stinkt|flecken?|fleckig|löst sich|blättert|franst|fusselt|pilling|knötchen|schimmel\w*)\b"),
    # --- breakage -------------------------------------------------------------------------------
    cue(BROKEN, 1.0,
        r"\b(?:kaputt\w*|hinüber|im eimer|den geist aufgegeben|gibt den geist auf|zerbrochen|gebrochen|gerissen|gesprungen|sprung|risse?|riss|zersprungen|zerkratzt|kratzer|eingerissen|verbogen|undicht|ausgelaufen|delle|dellen|abgebrochen|zerrissen|löcher|loch)\b"),
    # --- damaged --------------------------------------------------------------------------------
    cue(I.DAMAGED, STRONG, r"\bbeschädig\w*|\btransportschaden\w*|\bschaden\b"),
    cue(I.DAMAGED, 1.4,
        r"\b(?:kaputt|zerbrochen|beschädigt|zerkratzt|gesprungen|eingedrückt|zerdrückt|verbogen|zerstört|in scherben)\s+(?:\w+\s+)?(?:angekommen|an\b|geliefert|zugestellt|eingetroffen)"),
    cue(I.DAMAGED, 1.4, r"\b(?:kam|kamen|ist|sind|war|waren)\b.{0,25}?\b(?:kaputt|zerbrochen|beschädigt|zerkratzt|gesprungen|eingedrückt|zerdrückt|verbogen|zerstört|in scherben)\s+an\b"),
    cue(I.DAMAGED, STRONG,
        rf"\b{_BOX}\b.{{0,30}}?\b(?:eingedrückt|zerdrückt|beschädigt|aufgerissen|kaputt|nass|zerrissen|gequetscht|offen|geöffnet|eingerissen|zerfetzt|durchweicht)\b"),
    cue(I.DAMAGED, 1.0, r"\b(?:zerdrückt|eingedrückt|zerschmettert|in (?:tausend )?(?:stücke|scherben)|scherben|zerstört)\b"),
    cue(ARRIVAL, 1.0,
        r"\b(?:beim|bei der|während des|während der|auf dem)\s+(?:transport|versand|lieferung|zustellung|postweg|auspacken|öffnen|erhalt)\b|\b(?:angekommen|kam|kamen|geliefert|zugestellt|eingetroffen|ausgepackt)\b"),
    cue(ARRIVAL, 0.5, rf"\b{_BOX}\b"),
    # --- time in use ----------------------------------------------------------------------------
    cue(AFTER_USE, 1.0,
        r"\bnach\s+(?:nur\s+|erst\s+|schon\s+|bereits\s+|knapp\s+)?(?:\d+|einem|einer|einen|zwei|drei|vier|fünf|wenigen|ein paar|kurzer|mehreren|dem ersten|der ersten|dem zweiten|einmal|zweimal)\b.{0,15}?(?:tage?n?|wochen?|monate?n?|stunden?|benutzung|gebrauch|nutzung|waschen|wäsche|mal|tragen|zeit|einsatz|laden|benutzen)"),
    cue(AFTER_USE, 1.0, r"\bnach dem (?:ersten |zweiten )?(?:waschen|tragen|benutzen|laden|gebrauch|einsatz)\b|\bnicht mehr\b|\b(?:einmal|zweimal|kaum) (?:benutzt|getragen|gewaschen|verwendet)\b"),
    # --- missing parts --------------------------------------------------------------------------
    cue(I.MISSING_PARTS, STRONG, r"\bfehl(?:t|en|te|ten|ende|ender|endes|enden)\b", veto=r"\bfehlt jede spur\b"),
    cue(I.MISSING_PARTS, STRONG, r"\bnicht\s+(?:\w+\s+)?(?:dabei|enthalten|beigelegt|mitgeliefert|im paket|im karton|in der verpackung|beigefügt|vorhanden)\b", negatable=False),
    cue(I.MISSING_PARTS, STRONG, r"\bunvollständig\b|\bvergessen\b.{0,20}?\b(?:beizulegen|mitzuschicken|einzupacken)\b|\bnur\s+(?:\w+\s+)?(?:erhalten|bekommen|geliefert)\b.{0,20}?\bstatt\b"),
    cue(I.MISSING_PARTS, 1.0, r"\bnur\s+(?:\d+|ein|eine|einen|zwei|drei|vier)\s+(?:\w+\s+)?(?:von|statt|anstatt|anstelle)\b"),
    cue(I.MISSING_PARTS, 0.6, r"\bohne\s+(?:die\s+|den\s+|das\s+)?(?:schrauben|kabel|ladegerät|fernbedienung|anleitung|zubehör|netzteil|batterie|batterien|deckel|teile)\b", negatable=False),
    # --- customs --------------------------------------------------------------------------------
    cue(I.CUSTOMS_TAX, 1.0, r"\bzoll\w*", veto=r"\b(?:beim|im|am)\s+zoll\b.{0,20}?\b(?:fest|hängt|liegt|gestrandet|blockiert)\b"),
    cue(I.CUSTOMS_TAX, 1.4, r"\b(?:einfuhrumsatzsteuer|einfuhrabgaben|einfuhrsteuer|einfuhrzoll|importsteuer|importgebühr\w*|zollgebühr\w*|zollabgaben|auslagepauschale|vorlageprovision)\b"),
    cue(I.CUSTOMS_TAX, MEDIUM, r"\b(?:mwst|mehrwertsteuer|steuer\w*|abgaben)\b"),
    cue(I.CUSTOMS_TAX, 0.6, r"\b(?:nachzahlen|nachgezahlt|nachzahlung|draufzahlen)\b|\bmusste ich\b.{0,30}?\b(?:zahlen|bezahlen)\b"),
    # --- empty ----------------------------------------------------------------------------------
    cue(I.EMPTY_PACKAGE, 1.6, rf"\b{_BOX}\b.{{0,25}}?\b(?:komplett |völlig |ganz )?leer\b"),
    cue(I.EMPTY_PACKAGE, 1.6, rf"\bleere[nrs]?\s+{_BOX}"),
    cue(I.EMPTY_PACKAGE, 1.4, r"\b(?:nichts|nix)\s+(?:\w+\s+)?(?:drin|darin|drinnen|im paket|im karton|enthalten|in der verpackung)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, 1.4, r"\b(?:nichts|nix)\s+(?:außer|ausser|als)\b", negatable=False),
    cue(I.EMPTY_PACKAGE, STRONG, r"\bnur\s+(?:\w+\s+)?(?:füllmaterial|luftpolster\w*|papier|verpackungsmaterial|luft)\b"),
    cue(I.EMPTY_PACKAGE, 0.6, r"\bleer\b"),
    # --- size -----------------------------------------------------------------------------------
    cue(I.SIZE_FIT, STRONG, r"\b(?:viel |etwas |deutlich |leider )?zu\s+(?:klein|groß|eng|weit|kurz|lang|schmal|breit|locker)\b"),
    cue(I.SIZE_FIT, STRONG, r"\bpass(?:t|en|te|ten)\s+(?:\w+\s+){0,3}?(?:nicht|leider nicht|gar nicht|überhaupt nicht)\b", negatable=False,
        veto=r"\b(?:farbe|beschreibung|bild|material|muster|foto)\b"),
    cue(I.SIZE_FIT, STRONG, r"\bfall(?:t|en)\s+(?:\w+\s+){0,3}?(?:klein|groß|kleiner|größer|eng|weit|enger|weiter)\b"),
    cue(I.SIZE_FIT, 1.0, r"\bfalsche\s+größe\b|\bgröße\b.{0,15}?\b(?:stimmt nicht|passt nicht|falsch|zu)\b|\bgrößentabelle\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\b(?:kleiner|größer|enger|weiter|kürzer)\s+als\s+(?:\w+\s+)?(?:üblich|normal|gewohnt|erwartet|angegeben)\b"),
    cue(I.SIZE_FIT, MEDIUM, r"\bkomme\s+(?:\w+\s+)?nicht\s+(?:rein|hinein)\b|\bkriege\s+(?:\w+\s+)?nicht\s+(?:an|zu)\b"),
    # --- exchange -------------------------------------------------------------------------------
    cue(I.EXCHANGE_REQUEST, STRONG, r"\b(?:umtausch\w*|umzutauschen|tauschen|tausch|eintauschen|austauschen)\b"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:größe|farbe|bestellung|variante)\b.{0,25}?\b(?:ändern|wechseln|umändern|anpassen|umstellen)\b"),
    cue(I.EXCHANGE_REQUEST, 1.0, r"\b(?:in|als)\s+(?:größe\s+\w+|einer anderen (?:größe|farbe)|(?:schwarz|weiß|rot|blau|grün|grau))\s+(?:haben|bekommen|schicken)\b"),
    cue(I.EXCHANGE_REQUEST, 0.6, r"\b(?:eine nummer|eine größe)\s+(?:größer|kleiner)\b|\b(?:andere|größere|kleinere)\s+(?:größe|farbe)\b|\bstattdessen\b"),
    cue(OWN_MISTAKE, 1.0, r"\b(?:versehentlich|aus versehen|falsch bestellt|falsch ausgewählt|mein fehler|irrtümlich|vertan|verklickt)\b", negatable=False),
    # --- usage ----------------------------------------------------------------------------------
    cue(I.USAGE_QUESTION, 1.4,
        r"\bwie\b.{0,40}?\b(?:benutz\w*|verwend\w*|install\w*|montier\w*|einstell\w*|zurücksetz\w*|resett\w*|aktualisier\w*|synchronisier\w*|einricht\w*|verbind\w*|anschließ\w*|anschliess\w*|aufbau\w*|zusammenbau\w*|bedien\w*|einschalt\w*|anschalt\w*|aktivier\w*|koppel\w*|reinig\w*|aufladen|laden|programmier\w*|nutz\w*|funktioniert|zurücksetz\w*|zurückgesetzt|stelle|stellt|anbringen|befestig\w*|anzieh\w*|öffne\w*|schließe)",
        negatable=False),
    cue(I.USAGE_QUESTION, STRONG, r"\b(?:verstehe|weiß|weiss|finde|kapiere)\s+(?:\w+\s+)?nicht,?\s+wie\b|\bkomme\s+(?:damit\s+)?nicht\s+klar\b", negatable=False),
    cue(I.USAGE_QUESTION, MEDIUM, r"\b(?:kompatibel|passt das (?:auf|zu|für))\b"),
    cue(I.USAGE_QUESTION, WEAK, r"\b(?:anleitung|bedienungsanleitung|gebrauchsanweisung|handbuch)\b"),
    # --- cancellation ---------------------------------------------------------------------------
    cue(I.CANCELLATION, 1.4, r"\bstorn\w*", veto=r"\b(?:fall|streitfall|reklamation|antrag|rücksendung|beschwerde)\b"),
    cue(I.CANCELLATION, STRONG, r"\b(?:bestellung|kauf|auftrag)\b.{0,25}?\b(?:zurückziehen|rückgängig|abbrechen|annullieren|widerrufen|aufheben)\b|\bcancel\w*",
        veto=r"\b(?:fall|streitfall|reklamation|antrag|rücksendung|beschwerde|dispute|case|claim)\b"),
    cue(I.CANCELLATION, MEDIUM, r"\bwiderruf\w*"),
    cue(I.CANCELLATION, 1.0, r"\bnicht\s+(?:mehr\s+)?(?:versenden|verschicken|abschicken|losschicken|ausliefern)\b|\bnicht\s+(?:\w+\s+)?(?:raus|los)schicken\b", negatable=False),
    cue(I.CANCELLATION, MEDIUM, r"\b(?:brauche|benötige|will|möchte|wollen|brauchen)\s+(?:\w+\s+){0,3}?(?:nicht mehr|doch nicht)\b", negatable=False),
    # --- option choice --------------------------------------------------------------------------
    letter_option_cue(r"(?:option|möglichkeit|lösung|variante|vorschlag)", r"bitte|danke|wäre gut|passt"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b{_OPTION_NOUN}\s*(?:nr\.?\s*|nummer\s*|#\s*)?\(?(?P<ord>{{ORD}})\)?(?!\w)(?![\d-])"),
    cue(I.OPTION_CHOICE, 1.4, rf"\b(?P<ord>{{NTH}})\s+{_OPTION_NOUN}"),
    cue(I.OPTION_CHOICE, STRONG,
        r"\b(?:nehme|wähle|hätte gerne|hätte gern|möchte|bevorzuge|entscheide mich für|nehmen|wählen|akzeptiere|hätten gerne|nehm)\b.{0,20}?\b(?P<ord>{NTH})\b(?!\s*(?:tage|wochen|stück|mal|paar))"),
    cue(I.OPTION_CHOICE, 1.0, r"^\W*(?:die|das|der|nummer|nr\.?|option|variante)?\s*(?P<ord>{NTH}|eins|zwei|drei)\W*(?:bitte|danke|ist ok|ist gut|passt|gerne|wäre gut)?\W*$"),
    cue(I.OPTION_CHOICE, 1.0,
        r"\b(?:nehme|akzeptiere|einverstanden mit|hätte gerne|hätte gern|möchte gerne|bin einverstanden|wähle)\b.{0,25}?\b(?:teilerstattung|teilrückerstattung|gutschein\w*|rabatt\w*|preisnachlass|angebot|vorschlag|entschädigung)\b"),
    cue(I.OPTION_CHOICE, WEAK, r"\b(?:nehme|akzeptiere|hätte gerne|möchte)\b.{0,25}?\b(?:erstattung|rückerstattung|ersatz\w*|neulieferung)\b"),
)

LEXICON = Lexicon(
    language="de",
    cues=CUES,
    ordinals=(
        (r"erste[nrsm]?|erstere[nrsm]?|1\.", 1),
        (r"zweite[nrsm]?|2\.", 2),
        (r"dritte[nrsm]?|3\.", 3),
        (r"vierte[nrsm]?|4\.", 4),
        (r"letzte[nrsm]?", 0),
    ),
    cardinals=((r"eins", 1), (r"zwei", 2), (r"drei", 3), (r"vier", 4)),
    negation_before=r"\b(?:nicht|nich|kein\w*|nie|niemals|ohne|weder|nichts)\b",
    clause_break=r"[.,;:!?\n()]|\b(?:aber|und|jedoch|sondern|denn|weil|obwohl)\b",
    fold_umlauts=True,
)


# What marketplaces forbid in a seller's message, as this language words it (disputed.platforms).
from disputed.parsers.lexicon import LetterPhrases  # noqa: E402  (kept beside its use: the cues above need none of it)

LETTER_PHRASES = LetterPhrases(
    review=r"\b(?:bewertung\w*|rezension\w*|feedback|sterne\w*)\b",
    change=r"\b(?:änder\w*|aktualisier\w*|entfern\w*|lösch\w*|überdenk\w*|zurückzieh\w*|zurückgezogen|anpass\w*|überarbeit\w*|revidier\w*)\b",
    incentive=r"\b(?:erstatt\w*|rabatt\w*|gratis|kostenlos\w*|geschenk\w*|gutschein\w*|entschädig\w*|im gegenzug|als dank|belohn\w*)\b",
    positive=r"\b(?:positiv\w*|fünf sterne\w*|5 sterne\w*|gute bewertung\w*)\b",
    outside_contact=r"\b(?:whatsapp|wechat|telegram|skype|rufen sie uns an|anrufen|telefonisch|außerhalb von (?:amazon|ebay))\b",
    marketing=r"\b(?:newsletter|folgen sie uns|besuchen sie unseren (?:shop|onlineshop|webshop)|neue kollektion|abonnier\w*|facebook|instagram|tiktok)\b",
)
