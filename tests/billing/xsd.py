"""The Finvoice 3.0 schema shipped in ../shared/standards: every test that makes Finvoice
validates against it. A missing schema fails the test (it never skips)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT.parent / "shared" / "standards" / "finvoice" / "Finvoice3.0.xsd"


@cache
def schema() -> etree.XMLSchema:
    assert XSD.is_file(), f"the Finvoice 3.0 schema is missing: {XSD}"
    return etree.XMLSchema(etree.parse(str(XSD)))


def assert_valid_finvoice(xml: bytes) -> etree._Element:
    document = etree.fromstring(xml)
    checker = schema()
    if not checker.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in checker.error_log)
        raise AssertionError(f"not valid Finvoice 3.0:\n{errors}")
    return document
