"""Portuguese: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Portuguese.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("reembolso parcial", "desconto"),
    Remedy.CANCELLATION: ("cancel",), Remedy.EXCHANGE: ("troca", "trocar"),
    Remedy.REPLACEMENT: ("reenvi", "mandar outro", "enviar outro", "substitui"),
    Remedy.REFUND: ("reembols", "estorno", "dinheiro de volta", "devolucao do dinheiro"),
}
ATTACHMENTS = {"photo": ("foto", "fotograf"), "video": ("video",)}
ATTACHING = ("anex", "envio", "segue")
