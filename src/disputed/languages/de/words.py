"""German: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written against folded text (lower case, accents removed, ß as ss) unless a name says otherwise.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("bestellnummer", "bestell-nr", "bestellnr", "bestellung", "auftragsnummer"),
    "item": ("artikel", "artikelbezeichnung", "produkt", "bestellter artikel", "artikelname"),
    "quantity": ("menge", "anzahl", "rucksendemenge", "stuckzahl"),
    "reason": ("rucksendegrund", "grund", "grund der rucksendung", "ruckgabegrund", "grund fur die rucksendung",
               "anspruchsgrund", "grund des anspruchs", "stornierungsgrund", "grund fur den fall", "erstattungsgrund"),
    "comment": ("beschreibung des käufers", "problembeschreibung", "beschreibung des problems",
                "details zum streitfall", "angaben des käufers", "erklärung des käufers", "der käufer schreibt",
                "kundenkommentar", "kundenkommentare", "kommentar des kunden", "kommentare des kunden", "kommentar",
                "kommentar des kaufers", "anmerkungen des kunden", "bewertungskommentar"),
    "message": ("nachricht", "nachricht des kaufers", "nachricht des kunden"),
    "amount": ("betrag", "anspruchsbetrag", "erstattungsbetrag", "ruckbuchungsbetrag", "geforderter betrag", "erstatteter betrag"),
    "buyer": ("kaufer", "kunde", "name des kunden", "kaufername"),
    "request": ("anliegen des kaufers", "gewunschte losung"),
    "tracking": ("sendungsnummer", "sendungsverfolgungsnummer", "trackingnummer"),
    "case_id": ("fallnummer", "ruckgabenummer", "fall-id"),
    "rating": ("bewertung", "sterne"),
}

RETURN_REASONS = {
    "empty_package": r"leere?s? (paket|packchen|karton|sendung)|(paket|karton) (war )?leer",
    "not_received": r"nicht (erhalten|angekommen|geliefert|zugestellt)|nie angekommen|zu spat|verspatet",
    "own_mistake": r"falsch(en|es)? (artikel )?bestellt|versehentlich bestellt",
    "wrong_item": r"falsche[rns]? (artikel|produkt|ware)|(artikel|produkt) falsch|anderer artikel|nicht der bestellte",
    "missing_parts": r"fehlende?s? (teile?|zubehor|komponenten)|(teile?|zubehor) fehl|unvollstandig",
    "size_fit": r"zu (klein|gross|eng|weit|kurz|lang)|passt nicht|falsche grosse|grosse",
    "damaged": r"beschadigt|kaputt (an|geliefert)|zerbrochen|zerkratzt angekommen",
    "quality_defect": r"defekt|funktioniert nicht|mangelhaft|qualitat|fehlerhaft|kaputt",
    "not_as_described": r"nicht wie beschrieben|entspricht nicht|ungenaue|abweichend|nicht kompatibel|falsche farbe|farbe",
    "customs_tax": r"zoll|einfuhr",
    "unwanted": r"nicht autorisiert|nicht mehr benotigt|nicht mehr gebraucht|versehentlich|besserer preis|gefallt nicht|ohne grund",
}

RELAY_INTRODUCTIONS = (r"sie haben eine (neue )?nachricht|neue nachricht|nachricht von",)
RELAY_FACT_LABELS = (r"bestell\w{0,20}|artikel",)
RELAY_CLOSINGS = (
    r"um (auf )?diese|antworten$|war diese|bitte antworten sie nicht",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"jetzt antworten|antworten sie (im|in|über|direkt)|im nachrichtencenter"
    r"|nachricht (ansehen|anzeigen|öffnen|beantworten)|zur (bestellung|nachricht|konfliktlösung)"
    r"|zum (nachrichtencenter|streitfall|fall)|nachrichtencenter$|abmelden|abbestellen|datenschutz"
    r"|alle rechte vorbehalten",
)

MONTHS = (
    "januar janner jan", "februar feb", "marz maerz mrz", "april apr", "mai", "juni jun",
    "juli jul", "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez",
)
DEADLINE_JUST_BEFORE = (r"\bbis(?: zum)?", r"\bspatestens(?: am| bis)?", r"\bvor dem")
DEADLINE_NEAR_BEFORE = (r"\bfrist",)

LANGUAGE_MARKERS = (
    "ich nicht bitte danke dank vielen mein meine ist wo wann paket bestellung ware kaputt noch und erste "
    "zweite dritte moglichkeit hallo geld leider nein"
)

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("teilerstattung", "teilruckerstattung", "preisnachlass", "rabatt"),
    Remedy.CANCELLATION: ("stornier", "storno"), Remedy.EXCHANGE: ("umtausch", "tauschen"),
    Remedy.REPLACEMENT: ("ersatz", "neu senden", "nochmal schicken", "neues schicken"),
    Remedy.REFUND: ("erstattung", "geld zuruck", "ruckerstattung"),
}
ATTACHMENTS = {"photo": ("foto", "bild"), "video": ("video", "film")}
ATTACHING = ("anbei", "angehang", "beigefugt")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"bestellmängelquote",
    "late_shipment_rate": r"verspätete[n]? versand",
    "cancellation_rate": r"stornorate|stornierungsrate",
    "valid_tracking_rate": r"gültige[n]? sendungsverfolgung",
}
FUNDS = r"guthaben|auszahlung"
LISTING_CAUSES = {"customer_experience": r"kundenerfahrung", "ip": r"bild"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"verkaufsberechtigung(en)? (wurde|wurden) [^.\n]{0,20}(entzogen|entfernt|deaktiviert|gesperrt|aufgehoben)|(haben|hat) ihnen die verkaufsberechtigung(en)? [^.\n]{0,20}entzogen|(verkauferkonto|konto) (wurde|ist) [^.\n]{0,15}(deaktiviert|gesperrt)",
    "account_review": r"(account|konto)[^.\n]{0,40}wird [^.\n]{0,15}uberpruft|uberprufung[^.\n]{0,12}(ihres )?(verkaufer)?(account|konto|kontos)",
    "ip_infringement": r"markenrecht|urheberrecht|schutzrecht|rechteinhaber|geistige[sn]? eigentum|marke[^.\n]{0,10}verletz|bildrecht",
    "listing_removed": r"(angebot|artikel|asin|produktseite)[^.\n]{0,40}(geschlossen|entfernt|deaktiviert|gesperrt|unterdruckt)|negative[rn]? kundenerfahrung",
    "performance_warning": r"verkauferstatus|verkauferleistung|unter dem standard|transaktionsfehlerquote|fehlerquote|bestellmangelquote|verspatungsquote|stornoquote|kontozustand|leistungskennzahl",
    "chargeback": r"ruckbuchung|ruckbelastung",
    "atoz": r"a-z-garantie|a-bis-z|a bis z",
    "claim_word": r"\banspruch|garantieantrag",
    "return_request": r"rucksendung|rucksende|ruckgabe|rucknahme",
    "refund_issued": r"erstattung (veranlasst|durchgefuhrt|ausgelost|erfolgt|bestatigt)|ruckerstattung|erstattet",
    "cancellation_request": r"stornierungsanfrage|stornierungsantrag|stornierung",
    "feedback": r"bewertung",
    "policy_warning": r"warnung|richtlinie|verstoss",
    "dispute": r"eingreifen|streitfall|fall (eroffnet|wurde|nr|\d)|(einen )?fall eroffnet|konflikt",
    "not_received_request": r"nicht erhalten|nicht angekommen",
    "decided_subject": r"entscheidung|entschieden|abgeschlossen",
    "decided_body": r"wurde[^.\n]{0,40}(entschieden|gewahrt|abgelehnt|geschlossen)|haben [^.\n]{0,30}entschieden",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("urspr(?:ü|ue|u)ngliche nachricht|weitergeleitete nachricht",)
QUOTE_ATTRIBUTIONS = (r"am\b.{0,80}\bschrieb\b",)
QUOTE_HEADER_FROM = ("von",)
QUOTE_HEADER_SENT = ("gesendet", "datum")
