"""The end of the main document's body, as an official document writes it: the attachments listed
at the left margin (``붙임  1. … 1부.``, the next items under ``1.``) and ``끝.`` two spaces after
the last item, on its line — never flush right on a line of its own."""

from __future__ import annotations

import pytest

from tests.reports.pdfcheck import boxes, outline_titles, page_texts, squash

LEFT_MARGIN = 20 * 72 / 25.4  # 20 mm in points
#: The label, the first item's opening words, the second's, the last item, how every item ends, and
#: the end mark, as each language prints them.
WORDS = {
    "ko": ("붙임", "1. 지방비 부담", "2. 지방비", "10. 기업 부담금 확약서 ((주)대경리사이클) 1부.", "1부.", "끝."),
    "en": ("Attachments:", "1. Commitment", "2. Commitment",
           "10. Commitment to the company’s cost share (Daegyeong Recycle Corp.), 1 copy.", "1 copy.", "End."),
}


@pytest.fixture(scope="module", params=["ko", "en"])
def packet(request, sample_packet):
    lang = request.param
    return lang, sample_packet("super_regional", lang)


def _end_page(pdf: bytes, lang: str) -> int:
    """The main document's last page: the one before the first attachment."""
    first = min(page for level, title, page in outline_titles(pdf) if level == 0
                and title.startswith("붙임" if lang == "ko" else "Attachment"))
    return first - 1


def test_the_attachments_are_listed_at_the_left_margin_and_end_follows_the_last(packet):
    lang, pdf = packet
    label, first, second, last, copy, end = WORDS[lang]
    page = _end_page(pdf, lang)
    text = squash(page_texts(pdf)[page - 1])
    assert squash(f"{label}{first}") in text
    assert squash(f"{last}{end}") in text  # the end mark right after the last item
    [(label_left, label_bottom, label_right, _t)] = boxes(pdf, page, label)
    [(first_left, first_bottom, _r, _t)] = boxes(pdf, page, first)
    [(second_left, _b, _r, _t)] = boxes(pdf, page, second)
    [(end_left, end_bottom, end_right, _t)] = boxes(pdf, page, end)
    [last_right] = [right for _l, bottom, right, _t in boxes(pdf, page, copy) if abs(bottom - end_bottom) < 3]
    assert abs(label_left - LEFT_MARGIN) < 2  # at the left margin, not indented
    assert abs(label_bottom - first_bottom) < 3 and first_left > label_right  # the first item on the label's line
    assert abs(second_left - first_left) < 2  # the next items under "1."
    size = 12  # the end mark two spaces (about one character) after the last item's full stop, not flush right
    assert last_right < end_left < last_right + size * 1.5  # on the last item's line, just after it
    assert end_right < 595 - 15 * 72 / 25.4 - 3 * size


def test_each_attachment_is_listed_once_in_order(packet):
    lang, pdf = packet
    page = _end_page(pdf, lang)
    text = squash(page_texts(pdf)[page - 1])
    titles = [title.split(" ", 2)[2] for level, title, _p in outline_titles(pdf) if level == 0
              and title.startswith("붙임" if lang == "ko" else "Attachment")]
    copy = "1부." if lang == "ko" else ",1copy."
    at = [text.index(squash(f"{n}. {title}") + copy) for n, title in enumerate(titles, start=1)]
    assert len(at) == 10 and at == sorted(at)
