"""The styles a Word job description uses, made present in an organisation's own template.

Word saves only the styles a document uses: a template made from a blank document has no Title,
headings, List Bullet or Table Grid, and python-docx then stops with "no style with name". Each
missing style is copied from python-docx's default template, with the numbering List Bullet
draws its bullets from, so headings keep their outline level (Word's navigation pane) and lists
their bullets. Its references to other styles are pointed at the template's own styles of the
same name (a Dutch Word calls Normal's id "Standaard"), or dropped where the template has none.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

USED = (
    ("Title", "paragraph"),
    ("heading 1", "paragraph"),
    ("heading 2", "paragraph"),
    ("List Bullet", "paragraph"),
    ("Table Grid", "table"),
)
"""(name in styles.xml, type) of every style `role_docx` applies."""

_REFERENCES = ("basedOn", "next", "link")


@functools.cache
def _default_styles() -> Any:
    """python-docx's default document, read once per process and only copied from."""
    from docx import Document

    return Document()


def _by_name(styles: Any) -> dict[tuple[str, str], Any]:
    """(name, type) -> the first style element of that name, as python-docx looks them up."""
    found: dict[tuple[str, str], Any] = {}
    for style in styles.iterchildren(W + "style"):
        name = style.find(W + "name")
        if name is not None and name.get(W + "val") is not None:
            found.setdefault((name.get(W + "val"), style.get(W + "type", "paragraph")), style)
    return found


def style_ids(doc: Any) -> dict[tuple[str, str], tuple[str, bool]]:
    """(name, type) -> (style id, whether it is that type's default), as python-docx's
    `get_style_id` finds them (the last default of a type counts), read from the XML in one pass:
    python-docx scans every style, twice, at each lookup."""
    defaults: dict[str, str] = {}
    for style in doc.styles.element.iterchildren(W + "style"):
        if style.get(W + "default") in ("1", "true", "on"):
            defaults[style.get(W + "type", "paragraph")] = style.get(W + "styleId")
    return {
        key: (style.get(W + "styleId"), defaults.get(key[1]) == style.get(W + "styleId"))
        for key, style in _by_name(doc.styles.element).items()
    }


def add_missing_styles(doc: Any) -> None:
    """Copy into `doc` each style of `USED` it lacks (none for a template that has them all,
    such as python-docx's default)."""
    target = doc.styles.element
    have = _by_name(target)
    missing = [key for key in USED if key not in have]
    if not missing:
        return
    source_doc = _default_styles()
    source = _by_name(source_doc.styles.element)
    source_names = {style.get(W + "styleId"): key for key, style in source.items()}
    taken = {style.get(W + "styleId") for style in target.iterchildren(W + "style")}
    added: dict[tuple[str, str], Any] = {}
    for key in missing:
        style = copy.deepcopy(source[key])
        style_id = base = style.get(W + "styleId")
        number = 1
        while style_id in taken:  # the template may use the id for a style of its own
            style_id, number = f"{base}{number}", number + 1
        style.set(W + "styleId", style_id)
        taken.add(style_id)
        added[key] = style
    for key, style in added.items():
        _point_references(style, source_names, have, added)
        _copy_numbering(style, source[key].get(W + "styleId"), source_doc, doc)
        target.append(style)


def _point_references(
    style: Any,
    source_names: dict[str, tuple[str, str]],
    have: dict[tuple[str, str], Any],
    added: dict[tuple[str, str], Any],
) -> None:
    """basedOn, next and link name a style by id: the template's style of the same name, or
    none at all (Word then bases the style on its defaults)."""
    for tag in _REFERENCES:
        reference = style.find(W + tag)
        if reference is None:
            continue
        key = source_names.get(reference.get(W + "val"))
        match = have.get(key) if key else None
        if match is None and key in added:
            match = added[key]
        if match is None:
            style.remove(reference)
        else:
            reference.set(W + "val", match.get(W + "styleId"))


def _copy_numbering(style: Any, source_id: str, source_doc: Any, doc: Any) -> None:
    """A style with a list numbering gets a copy of that numbering under new numbers; the
    numbering's levels name the style back by its id (`source_id` in the default template)."""
    num_id = style.find(f"{W}pPr/{W}numPr/{W}numId")
    if num_id is None:
        return
    source = source_doc.part.numbering_part.element
    num = source.find(f"{W}num[@{W}numId='{num_id.get(W + 'val')}']")
    abstract_id = num.find(W + "abstractNumId").get(W + "val") if num is not None else None
    abstract = source.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
    if num is None or abstract is None:
        num_id.getparent().getparent().remove(num_id.getparent())
        return
    target = _numbering(doc)

    def next_number(tag: str, attribute: str) -> str:
        numbers = [int(e.get(W + attribute)) for e in target.iterchildren(W + tag)]
        return str(max(numbers, default=0) + 1)

    new_abstract = copy.deepcopy(abstract)
    new_abstract.set(W + "abstractNumId", next_number("abstractNum", "abstractNumId"))
    for level_style in list(new_abstract.iter(W + "pStyle")):
        if level_style.get(W + "val") == source_id:
            level_style.set(W + "val", style.get(W + "styleId"))
        else:  # a style of the default template that the copy does not bring
            level_style.getparent().remove(level_style)
    new_num = copy.deepcopy(num)
    new_num.set(W + "numId", next_number("num", "numId"))
    new_num.find(W + "abstractNumId").set(W + "val", new_abstract.get(W + "abstractNumId"))
    # the schema's order: every abstractNum before the first num, the nums before the rest
    first_num = target.find(W + "num")
    if first_num is not None:
        first_num.addprevious(new_abstract)
    else:
        _insert_before_tail(target, new_abstract)
    nums = list(target.iterchildren(W + "num"))
    if nums:
        nums[-1].addnext(new_num)
    else:
        _insert_before_tail(target, new_num)
    num_id.set(W + "val", new_num.get(W + "numId"))


def _numbering(doc: Any) -> Any:
    """The document's numbering definitions, made empty when the template has none (python-docx
    1.2 leaves `NumberingPart.new` unimplemented)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.oxml.parser import parse_xml
    from docx.parts.numbering import NumberingPart

    try:
        return doc.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        element = parse_xml(f'<w:numbering xmlns:w="{W[1:-1]}"/>')
        part = NumberingPart(
            PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING, element, doc.part.package
        )
        doc.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
        return element


def _insert_before_tail(numbering: Any, element: Any) -> None:
    """Append, but before numIdMacAtCleanup, the one element the schema puts after the nums."""
    tail = numbering.find(W + "numIdMacAtCleanup")
    if tail is not None:
        tail.addprevious(element)
    else:
        numbering.append(element)
