"""Korean: the words buyers write, beside the classifier's examples (``examples.tsv``).

See ``disputed.languages`` for what each name means; field labels, relay and deadline words follow
with the first notices seen in Korean.
"""

from disputed.vocabulary import Remedy

REMEDIES = {
    Remedy.PARTIAL_REFUND: ("부분 환불", "일부 환불", "할인"),
    Remedy.CANCELLATION: ("취소",), Remedy.EXCHANGE: ("교환",),
    Remedy.REPLACEMENT: ("재발송", "다시 보내", "새 제품"),
    Remedy.REFUND: ("환불",),
}
ATTACHMENTS = {"photo": ("사진",), "video": ("동영상", "영상")}
ATTACHING = ("첨부", "보내")
