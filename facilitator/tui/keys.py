"""Keys declared once: each `Binding` carries its texts; hints and the help are built from it.

Binding texts are written in English in the class bodies and put into the interface language
when a screen or widget is created (`localize`), so the language may be chosen at any time
before the app starts, not before its modules are imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from facilitator.i18n import _

# How keys read in hints and on the help screen.
KEY_NAMES = {
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "slash": "/",
    "question_mark": "?",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "pgup",
    "pagedown": "pgdn",
}

# Tab and shift+tab where a screen has several fields. Textual routes each key to the widget
# focused when the app takes the key from its queue, and runs its own (non-priority) tab binding
# only after the tab has bubbled back up from the field. Keys sent in one burst after a tab
# (tmux, automation, a fast typist) were already routed to the field it left. As a priority
# binding, the tab moves the focus before the next key is routed.
FIELD_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", show=False, priority=True, system=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True, system=True),
]


def localize(node: DOMNode) -> None:
    """Put the descriptions and tooltips of a node's bindings into the interface language."""
    _rewrite(node, _localized)


def describe(node: DOMNode, binding_id: str, description: str) -> None:
    """Give one binding of this node (not of its class) its own words."""
    _rewrite(
        node,
        lambda binding: (
            replace(binding, description=description) if binding.id == binding_id else binding
        ),
    )


def _rewrite(node: DOMNode, change: Callable[[Binding], Binding]) -> None:
    # Each node has its own copy of its class's bindings, so this changes only the node.
    bindings = node._bindings
    bindings.key_to_bindings = {
        key: [change(binding) for binding in key_bindings]
        for key, key_bindings in bindings.key_to_bindings.items()
    }


def _localized(binding: Binding) -> Binding:
    return replace(
        binding,
        description=_(binding.description) if binding.description else "",
        tooltip=_(binding.tooltip) if binding.tooltip else "",
    )


def key_label(binding: Binding) -> str:
    """How a key reads: `space`, `ctrl+e`, `+`, `↓`."""
    if binding.key_display:
        return binding.key_display
    return "+".join(KEY_NAMES.get(part, part) for part in binding.key.split("+"))


def find_binding(node: DOMNode, binding_id: str) -> Binding:
    """The first binding with this id on the node (KeyError if it has none)."""
    for _key, binding in node._bindings:
        if binding.id == binding_id:
            return binding
    raise KeyError(f"{type(node).__name__} has no binding {binding_id!r}")


def keys_of(node: DOMNode, binding_id: str) -> str:
    """The key of a binding, as the user presses it (`ctrl+e`); the keymap applied."""
    return key_label(find_binding(node, binding_id))


def keys_for(node: DOMNode, binding_id: str) -> list[str]:
    """Every key bound under this id, in the order declared (`escape`, `f1`, `q`)."""
    keys = [key_label(binding) for _key, binding in node._bindings if binding.id == binding_id]
    if not keys:
        raise KeyError(f"{type(node).__name__} has no binding {binding_id!r}")
    return keys


def hint(node: DOMNode, *items: str | tuple[str, str], separator: str = " · ") -> str:
    """A line like `d decision · a agreement`, from the node's bindings by id.

    An item is a binding id, or (binding id, words) where the words should differ from the
    binding's own description (which is then shown in lower case).
    """
    parts: list[str] = []
    for item in items:
        binding_id, words = item if isinstance(item, tuple) else (item, "")
        binding = find_binding(node, binding_id)
        parts.append(f"{key_label(binding)} {words or binding.description.lower()}")
    return separator.join(parts)
