"""Russian: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Russian.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("частичный возврат", "частичн", "скидк"),
    Remedy.CANCELLATION: ("отмен",), Remedy.EXCHANGE: ("обмен", "обменять"),
    Remedy.REPLACEMENT: ("замен", "отправьте новый", "выслать новый", "отправить новый"),
    Remedy.REFUND: ("вернуть деньги", "верните деньги", "возврат денег", "возврат средств", "вернуть средства"),
}
ATTACHMENTS = {"photo": ("фото", "снимок"), "video": ("видео",)}
ATTACHING = ("прилага", "прикреп", "отправ")
