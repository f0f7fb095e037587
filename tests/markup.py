"""Reading rendered HTML in tests, parsed, so that attribute order, whitespace and the order of
classes do not decide whether an assertion holds.

(Not named `html.py`: this folder is on sys.path, where it would hide the standard library's
`html` module.)
"""

from html.parser import HTMLParser

from django.test.html import parse_html

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def count_html(html: str, needle: str) -> int:
    """How often `needle` occurs in `html` as an element, compared as assertInHTML does."""
    return parse_html(html).count(parse_html(needle))


def assert_contains_html(html: str, needle: str, count: int | None = None) -> None:
    found = count_html(html, needle)
    if count is None:
        assert found, f"{needle} is not in the page"
    else:
        assert found == count, f"{needle} occurs {found} times, not {count}"


class _Reader(HTMLParser):
    def __init__(self, skip_class: str | None):
        super().__init__(convert_charrefs=True)
        self.skip_class = skip_class
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._open: list[bool] = []  # for each open element: is it (inside) the skipped one?

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag in VOID:
            return
        inside = bool(self._open and self._open[-1])
        classes = attributes.get("class", "").split()
        self._open.append(inside or (self.skip_class is not None and self.skip_class in classes))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        if not (self._open and self._open[-1]):
            self.text.append(data)


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of `html` as (tag, attributes), in document order."""
    reader = _Reader(None)
    reader.feed(html)
    return reader.elements


def text_outside(html: str, class_name: str) -> str:
    """The text of `html` outside any element with the class `class_name`."""
    reader = _Reader(class_name)
    reader.feed(html)
    return " ".join(reader.text)


def select(html: str, tag: str | None = None, **wanted: str) -> list[dict[str, str]]:
    """The attributes of each element of `html` that is a `tag` and has the `wanted` ones.

    Names take `_` for `-` (`aria_label`), `class_` for `class`; a wanted class is a set of
    class names the element must have among its own, in any order.
    """
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in wanted.items()}
    found = []
    for name, attributes in elements(html):
        if tag is not None and name != tag:
            continue
        if all(
            set(value.split()) <= set(attributes.get("class", "").split())
            if key == "class"
            else attributes.get(key) == value
            for key, value in wanted.items()
        ):
            found.append(attributes)
    return found
