"""Dutch: the words marketplaces print and buyers write, beside the classifier's cues.

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written as the notices print the words; they are folded (lower case, Latin accents removed)
before use, except the account-notice words, which are matched on lower-cased text.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("gedeeltelijke terugbetaling", "korting"),
    Remedy.CANCELLATION: ("annuler",), Remedy.EXCHANGE: ("ruilen", "omruilen"),
    Remedy.REPLACEMENT: ("vervang", "opnieuw sturen", "nieuwe sturen"),
    Remedy.REFUND: ("terugbetal", "geld terug", "restitutie"),
}
ATTACHMENTS = {"photo": ("foto",), "video": ("video", "film")}
ATTACHING = ("bijgevoegd", "bijlage")

FIELD_LABELS = {
    "order_id": ("bestelnummer", "bestelling", "ordernummer", "bestel-id", "bestellingsnummer"),
    "item": ("artikelnaam", "productnaam", "besteld artikel", "artikelomschrijving", "voorwerp"),
    "quantity": ("aantal", "hoeveelheid", "aantal geretourneerd", "aantal te retourneren"),
    "reason": ("reden", "reden van retour", "retourreden", "reden voor retourzending", "reden van de claim", "reden voor annulering",
               "reden van annulering", "reden voor terugbetaling", "reden van het geschil"),
    "comment": ("beschrijving van de koper", "omschrijving van de koper", "beschrijving van het probleem",
                "probleembeschrijving", "details van het geschil", "de koper schreef",
                "opmerkingen van de klant", "opmerking van de klant", "opmerkingen", "opmerking", "commentaar",
                "commentaar van de koper", "opmerkingen van de koper"),
    "message": ("bericht", "bericht van de koper", "bericht van de klant"),
    "amount": ("bedrag", "claimbedrag", "terugbetalingsbedrag", "gevraagd bedrag", "terugbetaald bedrag", "bedrag van de claim"),
    "buyer": ("koper", "klant", "naam van de klant", "naam koper"),
    "request": ("verzoek van de koper", "gevraagde oplossing"),
    "tracking": ("trackingnummer", "track-and-tracecode", "track & trace", "zendingsnummer"),
    "case_id": ("zaaknummer", "retournummer", "casenummer"),
    "rating": ("beoordeling", "sterren", "waardering"),
}

RETURN_REASONS = {
    "empty_package": r"leeg (pakket|pakketje|doos)|(pakket|pakketje|doos) (was )?leeg",
    "not_received": r"niet (ontvangen|aangekomen|geleverd|bezorgd)|nooit aangekomen|te laat",
    "own_mistake": r"verkeerd besteld|per ongeluk besteld",
    "wrong_item": r"verkeerde? (artikel|product|item)|ander (artikel|product) (ontvangen|geleverd)",
    "missing_parts": r"ontbrekende (onderdelen|accessoires|delen)|(onderdelen|accessoires|delen) ontbreken|onvolledig",
    "size_fit": r"te (klein|groot|krap|ruim|kort|lang)|past niet|verkeerde maat|\bmaat\b",
    "damaged": r"beschadigd|kapot aangekomen|gebroken aangekomen|geplet",
    "quality_defect": r"defect|werkt niet|kwaliteit|gebrekkig|kapot",
    "not_as_described": r"niet zoals (beschreven|afgebeeld)|komt niet overeen|onjuiste beschrijving|andere kleur|\bkleur|niet compatibel",
    "customs_tax": r"douane|invoerrechten|invoerbelasting",
    "unwanted": r"niet meer nodig|niet geautoriseerd|betere prijs|bedacht|vind ik niet mooi|ongewenst",
}

RELAY_INTRODUCTIONS = (r"(je|u) hebt een (nieuw )?bericht|nieuw bericht|bericht van",)
RELAY_FACT_LABELS = (r"bestel\w{0,20}|artikel\w{0,20}|product",)
RELAY_CLOSINGS = (
    r"om te (reageren|antwoorden)|reageren$|antwoorden$|beantwoord dit bericht niet|deze e-?mail",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"reageer (in|via|nu|op)|antwoord (in|via|nu)"
    r"|bekijk (het |de |je )?(bericht|bestelling|geschil|gesprek|details)"
    r"|ga naar (je |het |de )?(bericht|bestelling|geschil)|berichtencentrum|afmelden|uitschrijven"
    r"|privacybeleid|alle rechten voorbehouden",
)

MONTHS = (
    "januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun",
    "juli jul", "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec",
)
DEADLINE_JUST_BEFORE = (r"\bvoor", r"\buiterlijk(?: op)?", r"\btot(?: en met)?")
DEADLINE_NEAR_BEFORE = (r"\buiterste (reactie)?datum", r"\breageer",)

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"orderfout|percentage defecte bestellingen",
    "late_shipment_rate": r"te late verzend|late verzending",
    "cancellation_rate": r"annuleringspercentage|annuleringen vóór",
    "valid_tracking_rate": r"geldige tracking|geldig trackingnummer",
}
FUNDS = r"\btegoed|uitbetaling|\bsaldo\b"
LISTING_CAUSES = {"customer_experience": r"klantervaring", "ip": r"intellectueel eigendom|handelsmerk|afbeelding"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"verkoopprivileges?[^.\n]{0,25}(ingetrokken|verwijderd|gedeactiveerd|opgeschort)"
                           r"|(verkopersaccount|account) (is|werd|wordt) [^.\n]{0,15}(gedeactiveerd|opgeschort|geblokkeerd|gesloten)",
    "account_review": r"account[^.\n]{0,40}(wordt beoordeeld|wordt gecontroleerd|onder beoordeling)|beoordeling van (uw|je) (verkopers)?account",
    "ip_infringement": r"inbreuk|intellectueel eigendom|auteursrecht|merkrecht|handelsmerk|namaak|rechthebbende",
    "listing_removed": r"(aanbieding|advertentie|vermelding|asin|productpagina)[^.\n]{0,40}(gesloten|verwijderd|gedeactiveerd|geblokkeerd|onderdrukt)"
                       r"|negatieve klantervaring",
    "performance_warning": r"orderfoutpercentage|percentage orderfouten|percentage (te )?late verzending|annuleringspercentage"
                           r"|accountstatus|accountgezondheid|prestatiedoel",
    "chargeback": r"terugboeking",
    "atoz": r"a-tot-z|a tot z-garantie|a-z-garantie",
    "claim_word": r"garantieclaim|\bclaim\b|aanspraak",
    "return_request": r"retour(verzoek|zending|aanvraag|neren|nering)|terugsturen|retour (aangevraagd|aanvragen)",
    "refund_issued": r"terugbetaling (uitgevoerd|verwerkt|gestart|voltooid|bevestigd)|terugbetaald|restitutie",
    "cancellation_request": r"annuleringsverzoek|verzoek (tot|om) annulering|annulering",
    "feedback": r"beoordeling|recensie",
    "policy_warning": r"waarschuwing|schending|overtreding",
    "dispute": r"geschil|zaak (geopend|\d|nr)|een zaak geopend",
    "not_received_request": r"niet ontvangen|niet aangekomen",
    "decided_subject": r"beslissing|besloten|afgehandeld|gesloten|uitkomst",
    "decided_body": r"in het voordeel van [^.\n]{0,30}(beslist|besloten|toegekend)|(is|werd) [^.\n]{0,40}(beslist|toegekend|afgewezen)|(beslist|besloten|afgehandeld|toegekend) (in (uw|je|het) voordeel|ten gunste)|is (toegekend|afgewezen|gesloten)|(hebben|heeft) [^.\n]{0,30}besloten",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("oorspronkelijk bericht|origineel bericht|doorgestuurd bericht",)
QUOTE_ATTRIBUTIONS = (r"op\b.{0,80}\bschreef\b",)
QUOTE_HEADER_FROM = ("van",)
QUOTE_HEADER_SENT = ("verzonden", "datum")
