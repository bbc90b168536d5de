"""Polish: the words marketplaces print and buyers write, beside the classifier's cues.

See ``disputed.languages`` for what each name means and which part of the parsers reads it.
Patterns are written as the notices print the words; they are folded (lower case, Latin accents removed)
before use, except the account-notice words, which are matched on lower-cased text.
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

FIELD_LABELS = {
    "order_id": ("numer zamówienia", "nr zamówienia", "zamówienie", "identyfikator zamówienia"),
    "item": ("przedmiot", "nazwa produktu", "nazwa przedmiotu", "zamówiony produkt", "towar"),
    "quantity": ("ilość", "liczba sztuk", "ilość do zwrotu", "zwracana ilość"),
    "reason": ("powód zwrotu", "powód", "przyczyna", "przyczyna zwrotu", "powód reklamacji", "powód roszczenia", "powód anulowania",
               "powód sporu", "powód zwrotu pieniędzy"),
    "comment": ("opis kupującego", "opis problemu", "szczegóły sporu", "wyjaśnienie kupującego", "kupujący napisał",
                "komentarz klienta", "komentarze klienta", "komentarz", "komentarz kupującego", "uwagi klienta", "uwagi"),
    "message": ("wiadomość", "wiadomość od kupującego", "wiadomość klienta"),
    "amount": ("kwota", "kwota roszczenia", "kwota zwrotu", "żądana kwota", "zwrócona kwota"),
    "buyer": ("kupujący", "klient", "nazwa klienta", "imię i nazwisko klienta"),
    "request": ("żądanie kupującego", "oczekiwane rozwiązanie"),
    "tracking": ("numer przesyłki", "numer śledzenia", "numer śledzenia przesyłki"),
    "case_id": ("numer sprawy", "numer zwrotu", "identyfikator sporu"),
    "rating": ("ocena", "gwiazdki"),
}

RETURN_REASONS = {
    "empty_package": r"pust(a|e|y) (paczk|przesyłk|pudełk|karton)|paczka (była )?pusta",
    "not_received": r"nie (otrzymał|dotarł|doręczon|dostarczon)|nie (został )?(otrzymany|dostarczony)|nigdy nie dotarł|za późno|opóźni",
    "own_mistake": r"zamówi(łem|łam|ono) (zły|niewłaściwy)|zamówion\w{0,20} (przez pomyłkę|omyłkowo)|pomyłkowo zamówi",
    "wrong_item": r"(zły|niewłaściwy|inny|błędny) (produkt|przedmiot|artykuł|towar)|wysłano (zły|niewłaściwy)",
    "missing_parts": r"brak(uje|ujące)? (części|akcesori|elementów)|brakujące (części|elementy|akcesoria)|niekompletn",
    "size_fit": r"za (mał|duż|ciasn|luźn|krótk|dług)|nie pasuje|zły rozmiar|rozmiar",
    "damaged": r"uszkodz|dotarł zniszczon|zgniecion|rozbit",
    "quality_defect": r"wadliw|\bwada|nie działa|przestał działać|jakość|jakości|usterk|zepsut",
    "not_as_described": r"niezgodn\w{0,20} z opisem|nie (jest )?zgodn\w{0,20} z opisem|inny niż (na zdjęciu|w opisie)"
                        r"|opis[^.\n]{0,20}(niedokładn|nieprawidłow)|inny kolor|niekompatybiln",
    "customs_tax": r"\bcło|\bcła|podatek importowy|opłat\w{0,20} celn",
    "unwanted": r"już nie (jest )?potrzeb|niepotrzebn|nieautoryzowan|lepsz\w{0,20} cen|rozmyśli|nie podoba",
}

RELAY_INTRODUCTIONS = (r"otrzymał\w{0,20} (now\w{0,20} )?wiadomość|nowa wiadomość|wiadomość od",)
RELAY_FACT_LABELS = (r"zamówieni\w{0,20}|numer zamówienia|produkt|przedmiot",)
RELAY_CLOSINGS = (
    r"aby odpowiedzieć|odpowiedz$|ta wiadomość|nie odpowiadaj",
    # The relay's buttons and footer: reply in / view / go to the message, unsubscribe, rights reserved.
    r"odpowiedz (w|teraz|przez|kupującemu)|zobacz (wiadomość|zamówienie|spór|szczegóły|rozmowę)"
    r"|przejdź do (wiadomości|zamówienia|sporu|centrum)|centrum wiadomości|wypisz się|polityka prywatności"
    r"|wszelkie prawa zastrzeżone",
)

# Matched on folded text: written folded (ł stays ł).
MONTHS = (
    "stycznia styczen sty", "lutego luty lut", "marca marzec", "kwietnia kwiecien kwi", "maja maj", "czerwca czerwiec cze",
    "lipca lipiec lip", "sierpnia sierpien sie", "wrzesnia wrzesien wrz", "pazdziernika pazdziernik paz",
    "listopada listopad lis", "grudnia grudzien gru",
)
DEADLINE_JUST_BEFORE = (r"\bdo dnia", r"\bdo", r"\bprzed", r"\bnajpozniej(?: do)?")
DEADLINE_NEAR_BEFORE = (r"\btermin",)

# Account notices, read on the lower-cased subject and body (not folded).
ACCOUNT_METRICS = {
    "order_defect_rate": r"wskaźnik wadliwych zamówień|wadliwych zamówień",
    "late_shipment_rate": r"(opóźnion|spóźnion)\w{0,20} wysył",
    "cancellation_rate": r"wskaźnik anulowa",
    "valid_tracking_rate": r"(prawidłow|ważn)\w{0,20} (numer\w{0,20} )?śledzeni",
}
FUNDS = r"środki|środków|wypłat"
LISTING_CAUSES = {"customer_experience": r"doświadczen\w{0,20} klient", "ip": r"własności intelektualnej|znak\w{0,20} towarow|zdjęci|obraz"}

# What a notice is, by how it is worded (``parsers.rules``: rule name -> pattern, folded).
NOTICE_PHRASES = {
    "account_deactivated": r"uprawnienia do sprzedaży[^.\n]{0,25}(cofnięte|usunięte|zawieszone|odebrane)"
                           r"|konto (sprzedawcy )?[^.\n]{0,15}(zostało|jest) (dezaktywowane|zawieszone|zablokowane|zamknięte)",
    "account_review": r"konto[^.\n]{0,40}(jest weryfikowane|podlega (weryfikacji|przeglądowi)|w trakcie weryfikacji)"
                      r"|weryfikacj\w{0,20} (twojego |konta)|przegląd (twojego )?konta",
    "ip_infringement": r"narusz\w{0,20} praw|własności intelektualnej|własność intelektualn|praw\w{0,20} autorski|znak\w{0,20} towarow|podróbk|podrobion|właściciel praw",
    "listing_removed": r"(oferta|oferty|ogłoszenie|asin|strona produktu)[^.\n]{0,40}(zamknięt|usunięt|dezaktywowan|zablokowan|wstrzyman)"
                       r"|negatywn\w{0,20} doświadczen\w{0,20} klient",
    "performance_warning": r"wskaźnik wadliwych zamówień|wskaźnik (opóźnionych|spóźnionych) wysyłek|wskaźnik anulowa|kondycj\w{0,20} konta"
                           r"|stan konta|wskaźniki efektywności",
    "chargeback": r"obciążeni\w{0,20} zwrotn",
    "atoz": r"gwarancj\w{0,20} od a do z|gwarancj\w{0,20} a-z",
    "claim_word": r"roszczeni|reklamacj",
    "return_request": r"zwrot\w{0,20} (produktu|towaru|przedmiotu)|prośb\w{0,20} o zwrot(?! (pieniędzy|środków|należności))"
                      r"|zwrot\b(?! (pieniędzy|środków|kosztów|należności))|zwróci",
    "refund_issued": r"zwrot (pieniędzy|środków|należności)|zwrócono (pieniądze|środki|kwotę)",
    "cancellation_request": r"prośb\w{0,20} o anulowanie|żądanie anulowania|anulowani\w{0,20} zamówienia|anulowanie",
    "feedback": r"opini[ae]|negatywn\w{0,20} ocen|nowa ocena|ocena sprzedawcy",
    "policy_warning": r"ostrzeżeni|naruszeni",
    "dispute": r"\bspór|\bsporu|\bspory|sprawa (otwart|nr|\d)|otworzył\w{0,20} (spór|sprawę)",
    "not_received_request": r"nie otrzymano|nie dotarł|nieotrzymani",
    "decided_subject": r"decyzj|rozstrzygn|zamknięt|wynik",
    "decided_body": r"(rozstrzygnięt|rozpatrzon|zamknięt)\w{0,20} na (\w{1,20} )?korzyść|został\w{0,20} (przyznan|odrzucon|zamknięt|rozstrzygnięt)"
                    r"|zdecydowaliśmy|rozstrzygnęliśmy|przyznaliśmy",
}

# Quoted history in a buyer's reply, matched against the raw text, case-insensitively (``parsers.classify``).
QUOTE_SEPARATORS = ("wiadomo(?:ść|sc) oryginalna|oryginalna wiadomo(?:ść|sc)|przekazana wiadomo(?:ść|sc)",)
QUOTE_ATTRIBUTIONS = (r".{0,80}\bnapisa(?:ł|l)(?:a|\(a\))?\s*+:",)
QUOTE_HEADER_FROM = ("od",)
QUOTE_HEADER_SENT = ("wys(?:ł|l)ano", "data")
