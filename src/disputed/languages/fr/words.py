"""French: the words marketplaces print and buyers write, beside the classifier's cues (``lexicon.py``).

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written against folded text (lower case, accents removed) unless a name says otherwise.
"""

from disputed.vocabulary import Remedy

FIELD_LABELS = {
    "order_id": ("numero de commande", "n° de commande", "commande", "id de commande", "numero de la commande", "reference de commande"),
    "item": ("article", "produit", "nom de l'article", "article commande", "nom du produit"),
    "quantity": ("quantite", "quantite retournee", "qte"),
    "reason": ("motif du retour", "motif", "raison", "raison du retour", "motif de la reclamation", "motif de la demande",
               "motif de l'annulation", "motif du litige", "motif du remboursement", "raison de la reclamation"),
    "comment": ("description de l'acheteur", "description du problème", "détails du litige",
                "explication de l'acheteur", "l'acheteur a écrit", "l'acheteur écrit",
                "commentaires du client", "commentaire du client", "commentaire", "commentaires", "commentaire de l'acheteur",
                "remarques du client"),
    "message": ("message de l'acheteur", "message du client"),
    "amount": ("montant", "montant de la reclamation", "montant du remboursement", "montant reclame", "montant rembourse"),
    "buyer": ("acheteur", "client", "nom du client"),
    "request": ("demande de l'acheteur", "solution demandee"),
    "tracking": ("numero de suivi",),
    "case_id": ("numero du cas", "numero de retour", "numero de litige"),
    "rating": ("evaluation",),
}

RETURN_REASONS = {
    "empty_package": r"colis vide|paquet vide|carton vide",
    "not_received": r"(non|pas|jamais) (recu|arrive|livre)|trop tard|en retard",
    "own_mistake": r"commande par erreur|mauvais article commande|me suis trompe",
    "wrong_item": r"mauvais (article|produit)|article (errone|incorrect)|pas le bon (article|produit)",
    "missing_parts": r"(pieces|accessoires|elements) manquant|manque (des|une|un) (pieces?|accessoires?)|incomplet",
    "size_fit": r"trop (petit|grand|serre|large|court|long)|ne (me )?va pas|mauvaise taille|taille",
    "damaged": r"endommage|abime|arrive casse|casse a la livraison|ecrase",
    "quality_defect": r"defectueu|ne fonctionne (pas|plus)|qualite|en panne|casse",
    "not_as_described": r"non conforme|ne correspond pas|description[^.\n]{0,25}(erronee|inexacte|incorrecte)|incompatible|couleur",
    "customs_tax": r"douane",
    "unwanted": r"non autorise|n'est plus necessaire|plus besoin|par erreur|meilleur prix|ne plaît pas|ne plait pas|sans raison",
}

RELAY_INTRODUCTIONS = (r"vous avez recu un (nouveau )?message|nouveau message|message (de|d'un) (l'acheteur|client)",)
RELAY_FACT_LABELS = (r"commande|n. de commande|numero de commande|article",)
RELAY_CLOSINGS = (
    r"pour repondre|repondre$|cet e-?mail|ne pas repondre",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"répondre (dans|sur|via|maintenant|à l'acheteur)"
    r"|voir (le |la |les )?(message|commande|litige|conversation|détails)|accéder (au|à la|aux)"
    r"|centre de messag|se désabonner|désabonnement|politique de confidentialité|tous droits réservés",
)

MONTHS = (
    "janvier janv", "fevrier fevr fev", "mars", "avril avr", "mai", "juin",
    "juillet juil", "aout", "septembre", "octobre", "novembre", "decembre",
)
DEADLINE_JUST_BEFORE = (r"\bavant(?: le)?", r"\bd'ici(?: le)?", r"\bau plus tard(?: le)?", r"\bjusqu'au")
DEADLINE_NEAR_BEFORE = (r"\bdate limite",)

# Not "ou": stripped of its accent it is also Portuguese "or" (a long Portuguese message was told French).
LANGUAGE_MARKERS = (
    "je ne pas merci bonjour mon ma colis commande est quand rien recu premiere deuxieme troisieme "
    "svp cordialement avec"
)

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("remboursement partiel", "geste commercial", "reduction"),
    Remedy.CANCELLATION: ("annul",), Remedy.EXCHANGE: ("echange", "echanger"),
    Remedy.REPLACEMENT: ("remplacement", "renvoyer un", "en renvoyer", "un nouveau"),
    Remedy.REFUND: ("rembours",),
}
ATTACHMENTS = {"photo": ("photo", "image"), "video": ("video", "vidéo", "film")}
ATTACHING = ("ci-joint", "joint", "enclos")

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"taux de défauts de commande",
    "late_shipment_rate": r"expéditions? en retard",
    "cancellation_rate": r"taux d'annulation",
    "valid_tracking_rate": r"suivi valide",
}
FUNDS = r"\bfonds\b"
LISTING_CAUSES = {"customer_experience": r"expérience client", "ip": r"marque"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"(privileges|droits) de vente [^.\n]{0,25}(supprimes|retires|desactives|suspendus|revoques)|compte (vendeur )?[^.\n]{0,15}(a ete|est) (desactive|suspendu)",
    "account_review": r"(account|compte)[^.\n]{0,40}(en cours d'examen|en cours de verification)|(examen de|verification de)[^.\n]{0,12}(votre )?(vendeur )?(account|compte)",
    "ip_infringement": r"propriete intellectuelle|contrefa|droits? d'auteur|marque deposee|titulaire des droits",
    "listing_removed": r"(offre|fiche produit|annonce|asin)[^.\n]{0,40}(fermee|supprimee|desactivee|bloquee|fermees|supprimees)|experience client negative|experiences? negatives? des clients",
    "performance_warning": r"taux de (defauts|defaut|defectuosite) de commande|taux d'expedition|taux d'annulation|sante du compte|indicateurs de performance",
    "chargeback": r"retrofacturation|contestation (de|du) paiement",
    "atoz": r"garantie (de )?a a z|a-a-z",
    "claim_word": r"reclamation",
    "return_request": r"demande de retour|\bretour\b",
    "refund_issued": r"remboursement (initie|effectue|emis|confirme)|rembourse",
    "cancellation_request": r"demande d'annulation|annulation",
    "feedback": r"evaluation|commentaire (negatif|client)|avis (negatif|client)",
    "policy_warning": r"avertissement|violation|infraction",
    "dispute": r"intervenir|intervention d'ebay|cas (ouvert|n°|\d)|ouvert un cas|litige",
    "not_received_request": r"non recu|pas recu",
    "decided_subject": r"decision|decide|clos",
    "decided_body": r"(tranche|accorde|clos|cloture|resolu|decide)e?s? en (votre )?faveur|a ete (accorde|rejete|clos|cloture|tranche|refuse)|avons (decide|tranche|accorde)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("message d'origine|message transf[eé]r[eé]",)
QUOTE_ATTRIBUTIONS = (r"le\b.{0,80}\ba [eé]crit\s*+:",)
QUOTE_HEADER_FROM = ("de",)
QUOTE_HEADER_SENT = ("envoy[eé]", "date")
