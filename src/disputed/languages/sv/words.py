"""Swedish: the words Amazon.se prints in its seller notices. Swedish is not a served buyer language (no
lexicon, examples or letters): it is one of ``disputed.languages.NOTICE_ONLY``, whose notice words the parsers
read beside the served languages'. Patterns are folded before use (lower case, Latin accents removed), except
the account-notice words, which are matched on lower-cased text.
"""

FIELD_LABELS = {
    "order_id": ("ordernummer", "beställningsnummer", "order-id", "beställning"),
    "item": ("artikelnamn", "produktnamn", "beställd artikel", "vara"),
    "quantity": ("antal", "returantal", "kvantitet"),
    "reason": ("returorsak", "orsak", "anledning", "orsak till retur", "orsak till anspråk", "orsak till avbokning",
               "anledning till återbetalning"),
    "comment": ("kundens kommentar", "kundkommentarer", "kommentar från kunden", "kommentarer", "köparens kommentar"),
    "message": ("meddelande", "meddelande från köparen", "meddelande från kunden"),
    "amount": ("belopp", "anspråksbelopp", "återbetalningsbelopp", "begärt belopp", "återbetalat belopp"),
    "buyer": ("köpare", "kund", "kundens namn"),
    "tracking": ("spårningsnummer", "kollinummer"),
    "case_id": ("ärendenummer", "returnummer"),
    "rating": ("betyg", "stjärnor"),
}

RETURN_REASONS = {
    "empty_package": r"tomt (paket|kartong|kolli)|paketet var tomt",
    "not_received": r"inte (mottagen|mottaget|levererad|levererat|kommit fram)|aldrig (kommit|levererad)|för sent|försenad",
    "own_mistake": r"beställde fel|beställd av misstag|köpt av misstag",
    "wrong_item": r"fel (artikel|produkt|vara) (skickad|levererad)?|annan (artikel|produkt) än",
    "missing_parts": r"saknade (delar|tillbehör)|(delar|tillbehör) saknas|ofullständig",
    "size_fit": r"för (liten|litet|stor|stort|trång|kort|lång)|passar inte|fel storlek|storlek",
    "damaged": r"skadad|skadat|trasig vid leverans|kom trasig|krossad",
    "quality_defect": r"defekt|fungerar inte|slutade fungera|kvalitet|trasig",
    "not_as_described": r"inte som beskriv|stämmer inte med beskrivningen|felaktig beskrivning|annan färg|färg|inte kompatibel",
    "customs_tax": r"\btull|importavgift|importskatt",
    "unwanted": r"behövs inte längre|behöver inte längre|inte auktoriserad|bättre pris|ångrat|gillade inte",
}

# Matched on folded text: written folded.
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
DEADLINE_JUST_BEFORE = (r"\bsenast(?: den)?", r"\bfore")
DEADLINE_NEAR_BEFORE = (r"\bsista svarsdag", r"\bsvara senast")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"andel defekta beställningar|orderdefekt",
    "late_shipment_rate": r"sena leveranser|försenade (leveranser|försändelser)",
    "cancellation_rate": r"annulleringsgrad|andel avbokningar",
    "valid_tracking_rate": r"giltig spårning",
}
FUNDS = r"\bmedel\b|utbetalning"
LISTING_CAUSES = {"customer_experience": r"kundupplevelse", "ip": r"immateriell|varumärke|upphovsrätt|bild"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"försäljningsbehörighet[^.\n]{0,45}(återkallad|borttagen|avaktiverad|spärrad)"
                           r"|(säljarkonto|konto)\w{0,20} (har|är) [^.\n]{0,15}(avaktiverat|spärrat|stängt|inaktiverat)",
    "account_review": r"konto[^.\n]{0,60}(granskas|under granskning)|granskning av (ditt )?(säljar)?konto",
    "ip_infringement": r"immateriell|upphovsrätt|varumärkesintrång|varumärke|förfalskad|rättighetsinnehavare|intrång",
    "listing_removed": r"(erbjudande|annons|asin|produktsida|listning)[^.\n]{0,60}(stängd|borttagen|avaktiverad|spärrad|dold)"
                       r"|negativ kundupplevelse",
    "performance_warning": r"andel defekta beställningar|andel sena leveranser|annulleringsgrad|kontohälsa|kontots hälsa|prestationsmål",
    "chargeback": r"återkrav|återdebitering",
    "atoz": r"a-till-ö|a till ö-garanti|a-till-z|a-z-garanti",
    "claim_word": r"anspråk|garantiärende",
    "return_request": r"retur(begäran|förfrågan)?|returnera",
    "refund_issued": r"återbetalning (genomförd|utförd|påbörjad|behandlad|bekräftad)|återbetalats|återbetalad",
    "cancellation_request": r"avbokningsbegäran|begäran om avbokning|annullering|avbokning",
    "feedback": r"omdöme|feedback|betyg",
    "policy_warning": r"varning|överträdelse|brott mot",
    "dispute": r"tvist|ärende (öppnat|nr|\d)",
    "not_received_request": r"inte mottagen|inte kommit fram",
    "decided_subject": r"beslut|avgjort|avslutad|resultat",
    "decided_body": r"(beviljats|avslagits|avgjorts|stängts) [^.\n]{0,30}fördel|till (din|köparens|kundens) fördel har|har (beviljats|avslagits|avgjorts)",
}
