"""Italian: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written against folded text (lower case, accents removed) unless a name says otherwise.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("numero ordine", "numero dell'ordine", "numero d'ordine", "id ordine", "ordine", "n. ordine"),
    "item": ("articolo", "prodotto", "nome articolo", "articolo ordinato", "nome del prodotto"),
    "quantity": ("quantita", "quantita reso", "quantita da restituire"),
    "reason": ("motivo del reso", "motivo della restituzione", "motivo del reclamo", "motivo della richiesta",
               "motivo dell'annullamento", "motivo della controversia", "motivo della disputa", "motivo del rimborso"),
    "comment": ("descrizione dell'acquirente", "descrizione del problema", "dettagli della controversia",
                "spiegazione dell'acquirente", "l'acquirente ha scritto",
                "commenti del cliente", "commento del cliente", "commento", "commenti", "commento dell'acquirente"),
    "message": ("messaggio", "messaggio dell'acquirente", "messaggio del cliente"),
    "amount": ("importo", "importo del reclamo", "importo del rimborso", "importo richiesto", "importo rimborsato"),
    "buyer": ("acquirente", "nome del cliente"),
    "request": ("richiesta dell'acquirente", "soluzione richiesta"),
    "tracking": ("numero di tracciamento", "numero di tracking"),
    "case_id": ("numero del caso", "numero di restituzione", "id controversia"),
    "rating": ("valutazione", "stelle"),
}

RETURN_REASONS = {
    "empty_package": r"pacco vuoto|pacchetto vuoto|scatola vuota",
    "not_received": r"non (e )?(ricevuto|arrivato|consegnato)|mai (arrivato|ricevuto)|in ritardo|troppo tardi",
    "own_mistake": r"ordinato (l'articolo )?sbagliato|ordinato per errore",
    "wrong_item": r"(articolo|prodotto) (sbagliato|errato)|non e l'articolo",
    "missing_parts": r"(parti|pezzi|accessori|componenti) mancant|mancano (dei |delle |alcuni )?(pezzi|parti|accessori)|incomplet[oa]",
    "size_fit": r"troppo (piccol|grand|stretto|largo|cort|lung)|non (mi )?va( bene)?|taglia sbagliata|taglia",
    "damaged": r"danneggiat|arrivato rotto|rotto all'arrivo|ammaccat",
    "quality_defect": r"difettos|non funziona|qualita|guasto|rotto",
    "not_as_described": r"non corrispond|descrizione[^.\n]{0,25}(non corrett|errat|inesatt|imprecis)|diverso dalla descrizione|colore",
    "customs_tax": r"dogana",
    "unwanted": r"non autorizzat|non (piu )?necessario|non serve piu|per errore|prezzo migliore|non piace",
}

RELAY_INTRODUCTIONS = (r"hai ricevuto un (nuovo )?messaggio|nuovo messaggio|messaggio da",)
RELAY_FACT_LABELS = (r"ordine|numero (dell')?ordine|articolo",)
RELAY_CLOSINGS = (
    r"per rispondere|rispondi$|questa e-?mail|non rispondere",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"rispondi (nel|nella|su|tramite|ora|all'acquirente)"
    r"|visualizza (il |l'|la |i )?(messaggio|ordine|controversia|conversazione|dettagli)"
    r"|vai (al|alla|ai|alle) (messagg|ordin|controversi|centro)|centro messaggi|annulla (l')?iscrizione"
    r"|informativa (sulla )?privacy|tutti i diritti riservati",
)

MONTHS = (
    "gennaio gen", "febbraio", "marzo mar", "aprile apr", "maggio mag", "giugno giu",
    "luglio lug", "agosto ago", "settembre set", "ottobre ott", "novembre nov", "dicembre dic",
)
DEADLINE_JUST_BEFORE = (r"\bentro(?: il)?", r"\bprima del")
DEADLINE_NEAR_BEFORE = (r"\bscadenza",)

LANGUAGE_MARKERS = (
    "non grazie buongiorno ciao mio mia pacco ordine dove quando ancora arrivato ricevuto prima seconda "
    "terza salve rotto sono della"
)

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("rimborso parziale", "sconto"),
    Remedy.CANCELLATION: ("annull",), Remedy.EXCHANGE: ("cambio", "cambiarlo", "cambiare"),
    Remedy.REPLACEMENT: ("sostituzione", "rispedire", "inviare un altro", "nuovo invio"),
    Remedy.REFUND: ("rimbors", "soldi indietro"),
}
ATTACHMENTS = {"photo": ("foto", "immagin"), "video": ("video",)}
ATTACHING = ("allegat", "allego")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"tasso di difettosità",
    "late_shipment_rate": r"spedizion[ei] in ritardo",
    "cancellation_rate": r"tasso di cancellazione",
    "valid_tracking_rate": r"tracciabilità valida",
}
FUNDS = r"\bfondi\b"
LISTING_CAUSES = {"customer_experience": r"esperienza (del )?cliente", "ip": r"marchio"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"privilegi di vendita [^.\n]{0,25}(rimossi|revocati|sospesi|disattivati)|account (venditore )?[^.\n]{0,15}(e stato|e) (disattivato|sospeso)",
    "account_review": r"account[^.\n]{0,40}(in fase di revisione|in revisione)|revisione del[^.\n]{0,12}(del tuo |del suo )?(venditore )?account",
    "ip_infringement": r"proprieta intellettuale|violazione (del |dei )?(marchio|copyright|diritt)|contraffa|titolare dei diritti",
    "listing_removed": r"(offerta|inserzione|asin|pagina prodotto)[^.\n]{0,40}(chiusa|rimossa|disattivata|bloccata|chiuse|rimosse)|esperienza (del cliente )?negativa",
    "performance_warning": r"tasso di difettosita|tasso di (spedizion|cancellazion)|stato dell'account|metriche di performance|obiettivo di performance",
    "chargeback": r"storno (di )?addebito|riaddebito",
    "atoz": r"dalla a alla z|garanzia a-z",
    "claim_word": r"\breclamo\b",
    "return_request": r"richiesta di (reso|restituzione)|autorizzazione al reso|\breso\b|restituzione",
    "refund_issued": r"rimborso (avviato|emesso|effettuato|confermato)|rimborsato",
    "cancellation_request": r"richiesta di (cancellazione|annullamento)|annullamento|cancellazione",
    "feedback": r"valutazione|feedback negativo|recensione",
    "policy_warning": r"avvertimento|violazione|normativ",
    "dispute": r"intervenire|intervento di ebay|caso (aperto|n\.|\d)|aperto un caso|disputa|controversia",
    "not_received_request": r"non ricevuto|non e arrivato",
    "decided_subject": r"decisione|deciso|chiuso|esito",
    "decided_body": r"(deciso|risolto|chiuso|accolto) a (suo |tuo |vostro )?favore|e stato (accolto|respinto|chiuso|deciso)|abbiamo (deciso|accolto|respinto)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("messaggio originale|messaggio inoltrato",)
QUOTE_ATTRIBUTIONS = (r"il\b.{0,80}\bha scritto\s*+:",)
QUOTE_HEADER_FROM = ("da",)
QUOTE_HEADER_SENT = ("inviato", "data")
