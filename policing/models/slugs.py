"""A free slug for a new row, made from its title."""

from __future__ import annotations

from django.utils.text import slugify


def free_slug(model, text: str, fallback: str) -> str:
    """A slug of `text` that no row of `model` has yet: "-2", "-3" … added when taken, within
    the slug field's length."""
    room = model._meta.get_field("slug").max_length - 10
    base = slugify(text)[:room] or fallback
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
