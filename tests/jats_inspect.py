"""Check a JATS article as an archive would: against the NISO DTD it declares, and against the JATS4R
Schematron — both read from ../shared/jats beside the repository (tests skip where it is absent).

The Schematron is ISO Schematron with XSLT 2 expressions (and `xsl:function`s). Its compiled
`jats4r.sch.xsl` holds only some of the patterns, and no Schematron compiler is on PyPI, so
`compile_schematron` turns the .sch into an XSLT 3 stylesheet here — each pattern a mode, each rule a
template (first matching rule wins, as in Schematron), each assert and report a test — and saxonche runs it.
The article is checked without its DTD (Saxon/C's parser trips over the JATS DTD's entities), so `id()`
and `idref()`, which need the DTD's attribute types, are rewritten to follow `@id` and `@rid`, the
attributes JATS links by.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from .conftest import REPO

JATS = REPO.parent / "shared" / "jats"
SCHEMATRON = JATS / "jats4r-schematrons" / "jats4r.sch"
needs_shared_jats = pytest.mark.skipif(not SCHEMATRON.is_file(),
                                       reason=f"the JATS DTDs and JATS4R Schematron are not at {JATS}")

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
XS = "http://www.w3.org/2001/XMLSchema"  # the xs and xsd prefixes Schematron processors declare
_SYSTEM_ID = re.compile(rb'<!DOCTYPE article PUBLIC "[^"]*" "https://jats\.nlm\.nih\.gov/\w+/(1\.\d)/([\w.-]+\.dtd)"')


@functools.cache
def _dtd(version: str, name: str) -> etree.DTD:
    return etree.DTD(str(JATS / f"dtd-{version}" / name))


def dtd_errors(xml: bytes) -> list[str]:
    """The DTD's complaints about `xml`, which must name a NISO DTD in its DOCTYPE."""
    declared = _SYSTEM_ID.search(xml)
    assert declared, "the article names no NISO JATS DTD"
    dtd = _dtd(declared[1].decode(), declared[2].decode())
    document = etree.fromstring(xml, etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))
    if dtd.validate(document):
        return []
    return [f"{error.line}: {error.message}" for error in dtd.error_log.filter_from_errors()]


@dataclass(frozen=True)
class Finding:
    role: str  # error, warning or info
    pattern: str
    location: str
    message: str


def _include(schema: etree._Element, folder: Path) -> None:
    for include in schema.findall(f"{{{SCH}}}include"):
        included = etree.parse(str(folder / include.get("href"))).getroot()
        include.getparent().replace(include, included)


def _message(source: etree._Element, target: etree._Element) -> None:
    """An assert's or report's text, with <name/> and <value-of/> made XSLT."""
    target.text = source.text
    for child in source.iterchildren("*"):
        local = etree.QName(child).localname
        if local == "name":
            made = etree.SubElement(target, f"{{{XSL}}}value-of", select=f"name({child.get('path', '.')})")
        elif local == "value-of":
            made = etree.SubElement(target, f"{{{XSL}}}value-of", select=_xpath(child.get("select")))
        else:
            made = etree.SubElement(target, f"{{{XSL}}}text")
            made.text = "".join(child.itertext())
        made.tail = child.tail


_ID_FUNCTIONS = re.compile(r"(?<![\w:.-])(id|idref)\(")
TEST = "urn:nashr:tests"
FUNCTIONS = f"""<xsl:stylesheet xmlns:xsl="{XSL}" xmlns:t="{TEST}" version="3.0">
  <xsl:function name="t:id"><xsl:param name="refs"/>
    <xsl:sequence select="root(($refs, .)[1])//*[@id = tokenize(string-join($refs, ' '), '\\s+')]"/>
  </xsl:function>
  <xsl:function name="t:idref"><xsl:param name="ids"/>
    <xsl:sequence select="root(($ids, .)[1])//@rid[tokenize(., '\\s+') = $ids]"/>
  </xsl:function>
</xsl:stylesheet>"""


def _xpath(expression: str | None) -> str | None:
    """`expression` with id() and idref() calls following @id and @rid."""
    return _ID_FUNCTIONS.sub(r"t:\1(", expression) if expression else expression


def _variable(let: etree._Element, parent: etree._Element) -> None:
    etree.SubElement(parent, f"{{{XSL}}}variable", name=let.get("name"), select=_xpath(let.get("value")))


@functools.cache
def compile_schematron(path: Path = SCHEMATRON) -> str:
    """The Schematron at `path` as an XSLT 3 stylesheet whose output lists every failed assert and
    successful report as <finding role pattern location>message</finding>."""
    schema = etree.parse(str(path)).getroot()
    _include(schema, path.parent)
    nsmap = {"xsl": XSL, "xs": XS, "xsd": XS, "t": TEST, **{ns.get("prefix"): ns.get("uri") for ns in schema.iter(f"{{{SCH}}}ns")}}
    sheet = etree.Element(f"{{{XSL}}}stylesheet", {"version": "3.0", "{http://www.w3.org/XML/1998/namespace}base":
                                                   path.parent.as_uri() + "/"}, nsmap=nsmap)
    for function in [*schema.findall(f"{{{XSL}}}function"), *etree.fromstring(FUNCTIONS)]:
        sheet.append(function)
    for let in schema.findall(f"{{{SCH}}}let"):
        _variable(let, sheet)
    root = etree.SubElement(sheet, f"{{{XSL}}}template", match="/")
    results = etree.SubElement(root, "findings")
    for index, pattern in enumerate(schema.iter(f"{{{SCH}}}pattern")):
        mode = f"p{index}"
        name = pattern.get("id", mode)
        etree.SubElement(results, f"{{{XSL}}}apply-templates", select="/", mode=mode)
        for let in pattern.findall(f"{{{SCH}}}let"):
            _variable(let, sheet)
        for order, rule in enumerate(pattern.findall(f"{{{SCH}}}rule")):
            template = etree.SubElement(sheet, f"{{{XSL}}}template", match=_xpath(rule.get("context")), mode=mode,
                                        priority=str(1000 - order))
            for let in rule.findall(f"{{{SCH}}}let"):
                _variable(let, template)
            for check in rule.iterchildren(f"{{{SCH}}}assert", f"{{{SCH}}}report"):
                kind = etree.QName(check).localname
                test = _xpath(check.get("test")) if kind == "report" else f"not({_xpath(check.get('test'))})"
                condition = etree.SubElement(template, f"{{{XSL}}}if", test=test)
                finding = etree.SubElement(condition, "finding", role=check.get("role", "error"), pattern=name,
                                           location="{path()}")
                _message(check, finding)
            etree.SubElement(template, f"{{{XSL}}}apply-templates", select="@*|node()", mode=mode)
        fallback = etree.SubElement(sheet, f"{{{XSL}}}template", match="@*|node()", mode=mode, priority="-10")
        etree.SubElement(fallback, f"{{{XSL}}}apply-templates", select="@*|*", mode=mode)
        etree.SubElement(sheet, f"{{{XSL}}}template", match="text()", mode=mode, priority="-5")
    return etree.tostring(sheet, encoding="unicode")


@functools.cache
def _executable():
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=compile_schematron())
    return processor, executable


def schematron(xml: bytes) -> list[Finding]:
    """Every JATS4R finding about `xml` (errors, warnings and information)."""
    processor, executable = _executable()
    source = processor.parse_xml(xml_text=re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).decode("utf-8"))
    output = etree.fromstring(executable.transform_to_string(xdm_node=source).encode("utf-8"))
    return [Finding(item.get("role"), item.get("pattern"), item.get("location"), " ".join("".join(item.itertext()).split()))
            for item in output]


def schematron_errors(xml: bytes) -> list[Finding]:
    return [finding for finding in schematron(xml) if finding.role == "error"]
