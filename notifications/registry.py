"""Each app registers how to render its kinds of notification; notifications imports no app.

A renderer takes the Notification and returns an EmailContent, or None when the cause has
gone away (the row is then cancelled instead of sent).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str = ""
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, mimetype)


Renderer = Callable[["object"], EmailContent | None]
_renderers: dict[str, Renderer] = {}


def register(kind: str) -> Callable[[Renderer], Renderer]:
    def decorator(fn: Renderer) -> Renderer:
        _renderers[kind] = fn
        return fn

    return decorator


def renderer_for(kind: str) -> Renderer:
    return _renderers[kind]


def registered_kinds() -> list[str]:
    return sorted(_renderers)
