"""Find markup a browser would act on: the check behind the injection tests."""

from __future__ import annotations

from html.parser import HTMLParser

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
EMBEDDING_TAGS = {"iframe", "object", "embed", "frame", "applet", "base"}


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDDING_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in {
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
            } and value.startswith(UNSAFE_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:30]}>")
            if name == "rel" and "attachment" in value:
                self.problems.append(f"<{tag} rel=attachment>")
            if name == "style" and "url(" in value:
                self.problems.append(f"<{tag} style=url()>")
        types = [v for n, v in attrs if n == "type"]
        data_only = bool(types) and (types[0] or "").lower() in {
            "application/json",
            "application/ld+json",
        }
        self._in_script = tag == "script" and not data_only

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.problems.append("<script> with role text")


def live_problems(html: str) -> list[str]:
    """Tags, attributes and scripts in `html` that would run, load or embed something."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems
