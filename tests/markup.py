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


class _FormReader(HTMLParser):
    """The fields of one <form> as a browser submits them (no button: the test names the one
    pressed), each a (name, value) pair in document order."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields: list[list[str]] = []
        self._text: list[str] | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None

    def handle_starttag(self, tag, attrs):
        a = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([name, a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._text = [name, ""]
            self.fields.append(self._text)
        elif tag == "select" and name:
            self._select = (name, [])
        elif tag == "option" and self._select is not None:
            self._select[1].append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._text is not None:
            self._text[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            if self._text is not None and self._text[1].startswith("\n"):
                self._text[1] = self._text[1][1:]
            self._text = None
        elif tag == "select" and self._select is not None:
            name, options = self._select
            chosen = [v for v, selected in options if selected] or [v for v, _ in options[:1]]
            self.fields.extend([name, v] for v in chosen)
            self._select = None


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """What the form `form_id` of `html` would post unchanged: each name's values, in order
    (a dict of lists, as `Client.post` takes a QueryDict's data)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data
