"""Letterhead lines (address, telephone, textphone, e-mail, web address) are not headings;
the letter's real headings still are (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shiny_review.domain.structure import ExtractedText
from shiny_review.ingest import ingest_file, letterhead
from shiny_review.ingest.letterhead import is_contact_line

LETTERHEAD = (
    "Ofsted",
    "Piccadilly Gate",
    "Store Street",
    "Manchester",
    "M1 2WD",
    "T 0300 123 1231",
    "Textphone 0161 618 8524",
    "enquiries@ofsted.gov.uk",
    "www.gov.uk/ofsted",
)
HEADINGS = ("Focused visit to Westmarsh children's services", "What needs to improve")
BODY = (
    "Dear Ms Example",
    "This letter summarises the findings of the focused visit to Westmarsh Borough Council "
    "children's services by His Majesty's Chief Inspector of Education, Children's "
    "Services and Skills.",
    "The timeliness of initial child protection conferences.",
)


def _headings(extracted: ExtractedText) -> list[str]:
    return [extracted.text[p.start : p.end] for p in extracted.paragraphs if p.is_heading]


def _paragraph(extracted: ExtractedText, text: str) -> Any:
    return next(p for p in extracted.paragraphs if extracted.text[p.start : p.end] == text)


def test_contact_lines() -> None:
    for line in (*LETTERHEAD[4:], "Telephone: 01632 960 123", "E: someone@westmarsh.gov.uk"):
        assert is_contact_line(line), line
    for line in (*HEADINGS, "Main findings", "Judgement", "Inspection dates: 4 to 15 March 2024"):
        assert not is_contact_line(line), line


def test_made_up_text_letter(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(
        "\n\n".join(
            [
                "\n".join(LETTERHEAD[:5]),
                "\n".join(LETTERHEAD[5:]),
                "12 July 2024",
                *(HEADINGS[0], BODY[0], BODY[1], HEADINGS[1], BODY[2]),
                "Yours sincerely",
                "A. Inspector\nHis Majesty's Inspector",
            ]
        ),
        encoding="utf-8",
    )
    extracted = ingest_file(path).extracted
    assert _headings(extracted) == list(HEADINGS)


def test_made_up_pdf_letter_with_a_bold_letterhead(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 60.0
    for line in LETTERHEAD:  # bold and larger than the body, as letterheads are set
        page.insert_text((380, y), line, fontname="hebo", fontsize=12)
        y += 16
    y += 30
    rows: list[tuple[str, bool]] = [(HEADINGS[0], True), (BODY[0], False)]
    rows += [(BODY[1], False), (HEADINGS[1], True), (BODY[2], False)]
    for text, bold in rows:
        size = 14 if bold else 10
        words, line = text.split(), ""
        for word in words:  # wrap at ~80 characters
            if len(line) + len(word) > 80:
                page.insert_text((72, y), line, fontname="hebo" if bold else "helv", fontsize=size)
                y += size * 1.3
                line = ""
            line = f"{line} {word}".strip()
        page.insert_text((72, y), line, fontname="hebo" if bold else "helv", fontsize=size)
        y += size * 1.3 + 12
    path = tmp_path / "letter.pdf"
    doc.save(path)
    doc.close()
    extracted = ingest_file(path).extracted
    headings = _headings(extracted)
    assert headings == list(HEADINGS)
    for line in ("Piccadilly Gate", "Textphone 0161 618 8524", "www.gov.uk/ofsted"):
        assert line in extracted.text and line not in " ".join(headings)


@pytest.mark.parametrize("name", ["halton-2024-july-12.pdf"])
def test_corpus_report_keeps_its_headings_not_its_contact_lines(
    corpus_docs: dict[str, Any], name: str
) -> None:
    extracted = corpus_docs[name].extracted
    headings = _headings(extracted)
    assert "What needs to improve?" in headings
    assert headings[0].startswith("Inspection of Halton")
    contact = [p for p in extracted.paragraphs if is_contact_line(extracted.text[p.start : p.end])]
    assert any("Textphone" in extracted.text[p.start : p.end] for p in contact)
    assert not any(p.is_heading for p in contact)


# The patterns as first written (a plain list of labels; each long pattern run on every text
# with a hint): the faster forms in ``letterhead`` must give the same answers.
_PLAIN_LABEL = re.compile(
    r"(?i)(?:^|\b)(?:tel(?:ephone)?|textphone|minicom|fax|phone|mobile|e-?mail|web(?:site)?|"
    r"[tefwm])\s*[.:]?\s*(?=[+(\d]|\S+@|www\.|https?://)"
)


def _plain_contact(text: str) -> bool:
    hint = letterhead._HINT.search(text) is not None
    low = text.lower()
    web = "www." in low or "://" in low or ".uk" in low
    return bool(
        ((hint or web) and _PLAIN_LABEL.search(text))
        or ("@" in text and letterhead._EMAIL.search(text))
        or (web and letterhead._WEB.search(text))
        or (hint and (letterhead._PHONE.search(text) or letterhead._POSTCODE.search(text)))
    )


_PIECES = st.sampled_from(
    [
        "tel",
        "Telephone",
        "textphone",
        "MINICOM",
        "fax",
        "phone",
        "Mobile",
        "e-mail",
        "email",
        "web",
        "website",
        "t",
        "E",
        "f",
        "w",
        "m",
        "p",
        "x",
        " ",
        "  ",
        ":",
        ".",
        "0",
        "01",
        "0300",
        "+44",
        "+44 (0)",
        "(",
        ")",
        "7",
        "123",
        "-",
        "/",
        "@",
        "a@b.uk",
        "www.",
        "https://",
        "M1 2WD",
        "SW1A",
        "1AA",
        "A",
        "Z9",
        "ſ",
        "K",
        "é",
        "_",
        "\n",
        "telex",
        "emails",
        "webs",
        "ext",
        "mail",
        "Dear",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_contact_patterns_answer_as_the_plain_ones(text: str) -> None:
    assert bool(letterhead._LABEL.search(text)) == bool(_PLAIN_LABEL.search(text)), text
    assert is_contact_line(text) == _plain_contact(text), text


def _plain_demote(blocks: list[Any]) -> None:
    """The rule as first written: every block given the whole contact test."""
    for i, block in enumerate(blocks):
        if not letterhead.is_letter_furniture(block.text):
            continue
        block.heading = False
        if letterhead._SIGN_OFF.match(block.text.strip()):
            for after in blocks[i + 1 : i + 1 + letterhead._SIGNATURE_LINES]:
                if after.page != block.page or not letterhead._address_line(after):
                    break
                after.heading = False
        if not letterhead._POSTCODE.search(block.text):
            continue
        j = i - 1
        while j >= 0 and i - j <= letterhead._ADDRESS_LINES and blocks[j].page == block.page:
            if not letterhead._address_line(blocks[j]):
                break
            blocks[j].heading = False
            j -= 1


_BLOCK_TEXTS = st.sampled_from(
    [
        *LETTERHEAD,
        *HEADINGS,
        *BODY,
        "Yours sincerely",
        "Kind regards",
        "A. Inspector",
        "His Majesty's Inspector",
        "Call 0300 123 1231 today.",
        "Write to M1 2WD or us.",
        "",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_BLOCK_TEXTS, st.booleans(), st.integers(1, 2)), max_size=14))
def test_demotion_answers_as_the_plain_rule(rows: list[tuple[str, bool, int]]) -> None:
    from shiny_review.ingest.blocks import Block

    def blocks() -> list[Block]:
        return [Block(page=page, heading=heading, text=text) for text, heading, page in rows]

    fast, plain = blocks(), blocks()
    letterhead.demote_letterhead(fast)
    _plain_demote(plain)
    assert [b.heading for b in fast] == [b.heading for b in plain]
