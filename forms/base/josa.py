"""Korean particles (조사) that fit the word before them.

A Korean message puts a particle after a value filled in at run time ("{file}을(를) 읽을 수 없습니다"),
and which form it takes depends on how that value ends: 을 after a final consonant (받침), 를 after
a vowel. The catalogs write both forms, hedged, and :func:`resolve` picks the one the word before
it needs, as Korean software does:

====================  ====================  ===============================
hedged                after a consonant     after a vowel
====================  ====================  ===============================
을(를), 를(을)          을                    를
이(가), 가(이)          이                    가
은(는), 는(은)          은                    는
과(와), 와(과)          과                    와
아(야), 야(아)          아                    야
(으)로                 으로 (로 after ㄹ)     로
(이)라 (이)나 (이)며     이라 이나 이며          라 나 며
====================  ====================  ===============================

The word before a particle is read from its last character, past any closing quote or bracket
(’ ” ' " ) ] 」 』 › » …); a note in round brackets right after a word is passed over, as Korean
writing has it, so the particle fits the word ("수명(신품 대비)은", "제안서(안)를"), while brackets
that stand alone are read inside ("“(안)”을"):

- a Hangul syllable by its final consonant; a lone consonant (ㄱ, ㄹ …) by its name (기역, 리을 …);
- a number as it is said: by its last digit (1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구),
  or by its unit when it ends in zeros (10 십, 100 백, 1,000 천, 10,000 만, 10⁸ 억, 10¹² 조,
  10¹⁶ 경; 0 영); group separators are ignored, and digits after a decimal point are said one by one;
- Latin letters spelt out (all capitals, a single letter, or letters right after a digit: PDF,
  KR, 5f) by the letters' names: L 엘 and R 알 end in ㄹ, M 엠 and N 엔 in a consonant, every
  other letter in a vowel; any other word as it is usually said: ending in l or le in ㄹ
  (file 파일), in m, n, ng, me or ne in a consonant (json 제이슨, name 네임), anything else in a
  vowel (db 디비, xlsx 엑스);
- % as 퍼센트.

Anything else (a space, a symbol, a Chinese character, nothing at all) leaves the hedged form as
it is: it is never wrong, only stiff. Pure Python: no library, no language data beyond the above.
"""

from __future__ import annotations

import re

#: How a word ends, for choosing a particle.
VOWEL = "vowel"
RIEUL = "rieul"  # the final consonant ㄹ: (으)로 becomes 로 after it, as after a vowel
CONSONANT = "consonant"

#: Every hedged particle the resolver knows, with its form after a consonant and after a vowel.
_PAIRS: dict[str, tuple[str, str]] = {
    "을(를)": ("을", "를"), "를(을)": ("을", "를"),
    "이(가)": ("이", "가"), "가(이)": ("이", "가"),
    "은(는)": ("은", "는"), "는(은)": ("은", "는"),
    "과(와)": ("과", "와"), "와(과)": ("과", "와"),
    "아(야)": ("아", "야"), "야(아)": ("아", "야"),
    "(으)로": ("으로", "로"),
    "(이)라": ("이라", "라"), "(이)나": ("이나", "나"), "(이)며": ("이며", "며"),
}
HEDGED = re.compile("|".join(re.escape(p) for p in sorted(_PAIRS, key=len, reverse=True)))

#: Closing quotes and brackets, looked past to the word they close.
_CLOSERS = frozenset("'\"’”)]}」』〉》】〕〗〙〛）］｝›»`")
_OPENERS = frozenset("'\"‘“([{「『〈《【〔〖〘〚（［｛‹«`")
_ROUND = {")": "(", "）": "（"}
#: A date written as official documents write it ("2023. 2. 2."): said "… 2일", it ends in 일 (ㄹ).
_OFFICIAL_DATE = re.compile(r"\d{1,4}\.\s*\d{1,2}\.\s*\d{1,2}\.$")

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL_INDEX = 8  # ㄹ among the 28 final-consonant slots of a syllable (0: none)
_JAMO_CONSONANTS = "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JAMO_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"

#: How a last digit (not 0) is said: 일 칠 팔 end in ㄹ, 삼 육 in another consonant.
_DIGITS = {"1": RIEUL, "2": VOWEL, "3": CONSONANT, "4": VOWEL, "5": VOWEL,
           "6": CONSONANT, "7": RIEUL, "8": RIEUL, "9": VOWEL}
_NUMBER = re.compile(r"[0-9][0-9,]*$")
_LETTERS = re.compile(r"[A-Za-z]+$")


def _syllable(ch: str) -> str | None:
    code = ord(ch)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return VOWEL if final == 0 else RIEUL if final == _RIEUL_INDEX else CONSONANT
    if ch in _JAMO_CONSONANTS:  # said by its name: 기역, 니은, 리을, …
        return RIEUL if ch == "ㄹ" else CONSONANT
    if ch in _JAMO_VOWELS:
        return VOWEL
    return None


def _unit(zeros: int) -> str | None:
    """How a whole number ending in ``zeros`` zeros ends when said: 십 백 천 만 억 조 경."""
    if zeros <= 11:
        return CONSONANT  # 십, 백, 천; 만 (10⁴–10⁷), 억 (10⁸–10¹¹)
    if zeros <= 15:
        return VOWEL  # 조
    if zeros <= 19:
        return CONSONANT  # 경
    return None


def _number(text: str) -> str | None:
    run = _NUMBER.search(text)
    assert run is not None
    digits = run.group().replace(",", "")
    before = text[:run.start()]
    if before.endswith(".") and before[:-1][-1:].isdigit():  # after a decimal point: said digit by digit
        return CONSONANT if digits[-1] == "0" else _DIGITS[digits[-1]]  # 영
    significant = digits.rstrip("0")
    if not significant:
        return CONSONANT  # 영
    zeros = len(digits) - len(significant)
    return _DIGITS[significant[-1]] if zeros == 0 else _unit(zeros)


def _letter_name(letter: str) -> str:
    upper = letter.upper()
    if upper in "LR":  # 엘, 알
        return RIEUL
    if upper in "MN":  # 엠, 엔
        return CONSONANT
    return VOWEL  # 에이, 비, 씨, 디, …, 엑스, 와이, 지


def _latin(text: str) -> str:
    run = _LETTERS.search(text)
    assert run is not None
    word = run.group()
    before = text[:run.start()]
    if word.isupper() or len(word) == 1 or before[-1:].isdigit():
        return _letter_name(word[-1])
    word = word.lower()
    if word.endswith(("l", "le")):
        return RIEUL
    if word.endswith(("m", "n", "ng", "me", "ne")):
        return CONSONANT
    return VOWEL


def _note(text: str, end: int) -> int | None:
    """Where the round brackets closing at ``end`` open, when they follow a word directly (a note
    on that word, passed over); None when they stand alone or do not open."""
    close = text[end - 1]
    depth = 0
    for i in range(end - 1, -1, -1):
        if text[i] == close:
            depth += 1
        elif text[i] == _ROUND[close]:
            depth -= 1
            if depth == 0:
                word = text[i - 1] if i else ""
                return i if word and not word.isspace() and word not in _OPENERS else None
    return None


def ending(text: str) -> str | None:
    """How ``text`` ends when said: VOWEL, RIEUL or CONSONANT; None when that cannot be told."""
    end = len(text)
    while end and text[end - 1] in _CLOSERS:
        opener = _note(text, end) if text[end - 1] in _ROUND else None
        end = opener if opener is not None else end - 1
    if not end:
        return None
    text = text[:end]
    if _OFFICIAL_DATE.search(text):
        return RIEUL
    last = text[-1]
    if last.isascii() and last.isdigit():
        return _number(text)
    if last.isascii() and last.isalpha():
        return _latin(text)
    if last == "%":
        return VOWEL  # 퍼센트
    return _syllable(last)


def particle(hedged: str, before: str) -> str:
    """The form of the hedged particle ``hedged`` that fits after ``before``; ``hedged`` itself
    when how ``before`` ends cannot be told."""
    after_consonant, after_vowel = _PAIRS[hedged]
    end = ending(before)
    if end is None:
        return hedged
    if end == VOWEL or (end == RIEUL and hedged == "(으)로"):
        return after_vowel
    return after_consonant


def resolve(text: str, start: int = 0) -> str:
    """``text`` with each hedged particle from ``start`` on in the form that fits the word before
    it (the text before ``start`` is read, never changed)."""
    out: list[str] = []
    done = 0
    for match in HEDGED.finditer(text, start):
        out.append(text[done:match.start()])
        out.append(particle(match.group(), "".join(out)[-64:]))
        done = match.end()
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)
