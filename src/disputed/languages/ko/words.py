"""Korean: the words marketplaces print and buyers write, beside the classifier's cues.

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written as the notices print the words; they are folded (lower case, Latin accents removed)
before use, except the account-notice words, which are matched on lower-cased text.
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

FIELD_LABELS = {
    "order_id": ("주문 번호", "주문번호", "주문", "주문 id"),
    "item": ("상품", "상품명", "제품", "제품명", "주문 상품"),
    "quantity": ("수량", "반품 수량"),
    "reason": ("반품 사유", "사유", "분쟁 사유", "취소 사유", "환불 사유", "클레임 사유", "이유"),
    "comment": ("구매자 설명", "구매자의 설명", "문제 설명", "분쟁 상세", "분쟁 세부 정보",
                "구매자 의견", "구매자 코멘트", "고객 의견", "코멘트", "의견"),
    "message": ("메시지", "구매자 메시지", "고객 메시지"),
    "amount": ("금액", "환불 금액", "청구 금액", "요청 금액", "환불된 금액"),
    "buyer": ("구매자", "고객", "구매자 이름", "고객명"),
    "request": ("구매자 요청", "요청한 해결 방법"),
    "tracking": ("운송장 번호", "운송장번호", "송장 번호", "추적 번호"),
    "case_id": ("분쟁 번호", "케이스 번호", "반품 번호"),
    "rating": ("평점", "별점"),
}

RETURN_REASONS = {
    "empty_package": r"빈 (상자|박스|택배|포장)|(상자|박스|택배)가? 비어",
    "not_received": r"(받지|수령하지) 못|미수령|도착하지 않|배송(이)? (안|지연|늦)|너무 늦",
    "own_mistake": r"잘못 주문|실수로 주문|주문 실수",
    "wrong_item": r"(다른|잘못된) (상품|제품)|오배송|상품이 다름",
    "missing_parts": r"(부품|구성품|부속품|액세서리)(이|가)? (누락|없|빠져)|누락|구성품 부족",
    "size_fit": r"사이즈|치수|너무 (작|크)",
    "damaged": r"파손|손상|깨진|찌그러",
    "quality_defect": r"불량|결함|작동(하지 않|이 안|안)|고장|품질",
    "not_as_described": r"설명과 (다름|다른|다르)|사진과 (다름|다른|다르)|색상이 (다름|다른|다르)|호환(되지 않|이 안|불가)",
    "customs_tax": r"관세|통관|수입세",
    "unwanted": r"더 이상 필요|필요 없|변심|마음에 들지 않|더 저렴|무단",
}

RELAY_INTRODUCTIONS = (r"새 메시지|메시지가 (도착|있습니다)|구매자(로부터|가 보낸) 메시지",)
RELAY_FACT_LABELS = (r"주문( ?번호)?|상품명?",)
RELAY_CLOSINGS = (
    r"답장하려면|회신하려면|답장하기|이 (이메일|메일)은|회신하지 마",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"메시지 (보기|확인|센터)|답장 보내기|주문 (보기|확인|상세)|분쟁 (보기|확인)|바로 ?가기|수신 ?거부|개인정보|모든 권리",
)

# Dates are printed in digits (2026년 5월 3일): no month names; the word follows the date.
DEADLINE_AFTER = (r"까지",)
DEADLINE_NEAR_BEFORE = (r"기한",)

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"주문 결함률",
    "late_shipment_rate": r"(배송|발송|출고) 지연",
    "cancellation_rate": r"취소율",
    "valid_tracking_rate": r"유효(한)? 추적",
}
FUNDS = r"자금|정산금|지급 보류|출금"
LISTING_CAUSES = {"customer_experience": r"고객 경험", "ip": r"지적 ?재산|지식재산|상표|이미지"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"판매 (권한|자격)[^.\n]{0,20}(정지|취소|박탈|해지|제거)|계정[^.\n]{0,15}(비활성화|정지|폐쇄|차단)(되었|됐)",
    "account_review": r"계정[^.\n]{0,30}(검토 중|심사 중|검토하고)|계정 (검토|심사)",
    "ip_infringement": r"지적 ?재산|지식재산|저작권|상표권|위조품|권리자",
    "listing_removed": r"(상품|리스팅|asin|상품 페이지)[^.\n]{0,30}(삭제|비활성화|차단|판매 중지|내려)|부정적인 고객 경험",
    "performance_warning": r"주문 결함률|(배송|발송) 지연율|취소율|계정 상태|성과 지표|판매자 등급",
    "chargeback": r"지불 거절|차지백|카드 대금 이의",
    "atoz": r"a-z 보증|a-to-z 보증",
    "claim_word": r"클레임|보증 청구",
    "return_request": r"반품",
    "refund_issued": r"환불(이)? (완료|처리|진행|시작|되었)|환불됨|환불해 드렸",
    "cancellation_request": r"취소 요청|주문 취소|취소",
    "feedback": r"피드백|평가|리뷰",
    "policy_warning": r"경고|위반",
    "dispute": r"분쟁|이의 제기|케이스(가)? (열|접수)",
    "not_received_request": r"미수령|받지 못|수령하지 못",
    "decided_subject": r"결정|결과|해결|종료",
    "decided_body": r"유리하게 (결정|해결|종료)|(승인|거절|종료|해결)(되었|됐)|결정(했|하였|되었)",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("원본 메시지|전달된 메시지",)
QUOTE_ATTRIBUTIONS = (r".{0,80}님이\s*+작성\s*+:",)
QUOTE_HEADER_FROM = ("보낸 사람",)
QUOTE_HEADER_SENT = ("보낸 날짜", "날짜")
