"""Dutch: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Dutch.
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
