"""Turkish: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Turkish.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("kismi iade", "kısmi iade", "indirim"),
    Remedy.CANCELLATION: ("iptal",), Remedy.EXCHANGE: ("degisim", "degistir"),
    Remedy.REPLACEMENT: ("yenisini", "tekrar gonder", "yeniden gonder"),
    Remedy.REFUND: ("para iadesi", "paramı", "paramin", "iade"),
}
ATTACHMENTS = {"photo": ("resim",), "video": ()}
ATTACHING = ("ekte", "ekledim", "gonderdim")
