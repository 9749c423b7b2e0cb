"""Crossref and DOAJ deposits validate against the schemas those indexes publish (in ../shared/deposit)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from nashr.issue.crossref import crossref_deposit
from nashr.issue.doaj import doaj_records
from nashr.issue.records import ArticleRecord, Depositor, IssueRecord, name_parts
from nashr.metadata import Author, Dates, Metadata

from .conftest import REPO

DEPOSIT = REPO.parent / "shared" / "deposit"
needs_schemas = pytest.mark.skipif(not DEPOSIT.is_dir(), reason="../shared/deposit (the Crossref and DOAJ schemas) is absent")

ISSUE = IssueRecord(journal="مجلة الدراسات", issn="2658-0829", eissn=None, publisher="دار نشر", lang="ar",
                    volume="12", number="2", year=2024, published=dt.date(2024, 6, 1))


def _article(title: str, lang: str, first: int, last: int) -> ArticleRecord:
    metadata = Metadata(title=title, lang=lang, contents=["a.md"],
                        authors=[Author(name="عبد الله العروي", affiliation="جامعة محمد الخامس", orcid="0000-0002-1825-0097"),
                                 Author(name="Jane van Dyke", email="jane@example.org")],
                        keywords={"ar": ["الأمن", "التعاون"], "en": ["security"]},
                        dates=Dates(accepted=dt.date(2024, 3, 1)))
    return ArticleRecord(metadata=metadata, first_page=first, last_page=last, doi=f"10.34752/x.{first}",
                         url=f"https://journal.example.org/{first}", abstracts={"ar": ["ملخص."], "en": ["An abstract."]},
                         references=["الجاحظ، البيان والتبيين، 1965.", "Brauch, H.G. (2011). Concepts of Security."],
                         translated_titles={"en": "An English title"})


ARTICLES = [_article("الأمن الجماعي", "ar", 5, 24), _article("Security studies", "en", 25, 40)]


def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


@needs_schemas
def test_crossref_deposit_validates_and_carries_pages_titles_and_orcid():
    xml = crossref_deposit(ISSUE, ARTICLES, Depositor("Editor", "editor@example.org"), "issue-12-2", 20240601000000)
    tree = etree.fromstring(xml)
    schema = _schema(DEPOSIT / "crossref-5.3.1" / "crossref5.3.1.xsd")
    assert schema.validate(tree), schema.error_log
    ns = {"c": "http://www.crossref.org/schema/5.3.1", "j": "http://www.ncbi.nlm.nih.gov/JATS1"}
    assert tree.xpath("//c:journal_article/c:pages/c:first_page/text()", namespaces=ns) == ["5", "25"]
    assert tree.xpath("//c:original_language_title[@language='en']/text()", namespaces=ns)[0] == "An English title"
    assert tree.xpath("//c:ORCID/text()", namespaces=ns)[0] == "https://orcid.org/0000-0002-1825-0097"
    assert tree.xpath("//j:abstract/@xml:lang", namespaces=ns)[:2] == ["ar", "en"]
    assert len(tree.xpath("//c:citation", namespaces=ns)) == 4


@needs_schemas
def test_doaj_records_validate():
    tree = etree.fromstring(doaj_records(ISSUE, ARTICLES))
    schema = _schema(DEPOSIT / "doaj" / "doajArticles.xsd")
    assert schema.validate(tree), schema.error_log
    assert tree.xpath("//record/language/text()") == ["ara", "eng"]
    assert tree.xpath("//record[1]/keywords[@language='ara']/keyword/text()") == ["الأمن", "التعاون"]


def test_a_family_name_keeps_its_particle():
    assert name_parts(Author(name="عبد الله العروي")) == ("عبد الله", "العروي")
    assert name_parts(Author(name="محمد عبد الله")) == ("محمد", "عبد الله")
    assert name_parts(Author(name="ابن خلدون")) == (None, "ابن خلدون")
    assert name_parts(Author(name="Jane van Dyke")) == ("Jane", "van Dyke")
