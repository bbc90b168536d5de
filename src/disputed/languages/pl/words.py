"""Polish: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Polish.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("czesciowy zwrot", "rabat", "obnizk"),
    Remedy.CANCELLATION: ("anulow",), Remedy.EXCHANGE: ("wymian", "wymienic"),
    Remedy.REPLACEMENT: ("nowy egzemplarz", "wyslac ponownie", "ponowna wysylk"),
    Remedy.REFUND: ("zwrot pieniedzy", "zwrot srodkow", "zwrot kosztow", "oddac pieniadze"),
}
ATTACHMENTS = {"photo": ("zdjeci", "zdjęc", "fotograf"), "video": ("wideo",)}
ATTACHING = ("zalacz", "zalącz")
