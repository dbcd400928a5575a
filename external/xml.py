"""Herald's one XML parser, for documents that other systems send (wire copy, traffic feeds).

A feed is written by someone else, so it is parsed by defusedxml with DTDs forbidden: entity
expansion (billion laughs), external entities (a file or URL read on Herald's behalf) and DTD
fetches are refused before anything is expanded. A feed has no use for a DTD, so refusing every
one is simpler than telling harmless ones apart. Both refusals and malformed documents come
out as ``XmlRefused`` with a message that says which it was, fit for an import report.
"""

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree


class XmlRefused(ValueError):
    """The document was not parsed: unsafe (a DTD or entities), or not well-formed."""


def xml_parse(data: bytes | str):
    """The document's root element (``xml.etree.ElementTree.Element``), or ``XmlRefused``."""
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise XmlRefused(
            f"refused unsafe XML ({exc.__class__.__name__}: DTDs and entities are not accepted)"
        ) from None
    except SafeElementTree.ParseError as exc:
        raise XmlRefused(f"not well-formed XML ({exc})") from None


def xml_serialise(element) -> str:
    """``element`` written back out as text (an XHTML body kept from a NewsML item)."""
    return SafeElementTree.tostring(element, encoding="unicode")
