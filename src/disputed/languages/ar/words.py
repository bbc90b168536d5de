"""Arabic: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Arabic.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("استرداد جزئي", "خصم", "تعويض"),
    Remedy.CANCELLATION: ("إلغاء", "الغاء", "ألغ"), Remedy.EXCHANGE: ("استبدال", "تبديل"),
    Remedy.REPLACEMENT: ("بديل", "إعادة إرسال", "ارسال جديد"),
    Remedy.REFUND: ("استرداد", "استرجاع المبلغ", "أموالي", "فلوسي"),
}
ATTACHMENTS = {"photo": ("صورة", "صور"), "video": ("فيديو",)}
ATTACHING = ("مرفق", "أرفقت", "ارفقت", "أرسلت")
