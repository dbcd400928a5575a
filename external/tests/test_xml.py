"""The one XML parser refuses hostile documents with a clear error instead of expanding them."""

import pytest

from external.xml import XmlRefused, xml_parse, xml_serialise

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd"><r>hello</r>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_dtds_and_entities_are_refused_before_anything_is_expanded(document):
    with pytest.raises(XmlRefused, match=r"refused unsafe XML \(DTDForbidden"):
        xml_parse(document)
    with pytest.raises(XmlRefused, match="refused unsafe XML"):
        xml_parse(document.encode())


def test_a_broken_document_says_it_is_not_well_formed():
    with pytest.raises(XmlRefused, match="not well-formed XML"):
        xml_parse("<rss><channel>")


def test_a_plain_document_parses_and_writes_back():
    root = xml_parse(b"<rss version='2.0'><channel><title>Herald</title></channel></rss>")
    assert root.tag == "rss" and root.find("channel/title").text == "Herald"
    assert xml_serialise(root.find("channel")) == "<channel><title>Herald</title></channel>"
