"""`{% form_field form.<name> %}`: one field of a public form in Bootstrap 5 markup.

Written in Python: crispy's per-field templates, then Django's per-option widget templates,
then even one include of a hand-written template per field cost most of a form page's render
(a template resolves every `{{ }}` and `{% if %}` through its lookup machinery; a form page
has hundreds). The markup is the one that template wrote, byte for byte: every input keeps
its label, a required marker, its help text and its errors, tied to the input with
aria-describedby and aria-invalid. Handles text-like inputs, textarea, select, radio buttons,
a checkbox and hidden inputs. Options are the widget's choices, marked selected as Django's
widgets mark them, written one line each without a template.
"""

from __future__ import annotations

import html

from django import template
from django.forms import BoundField
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _text(value) -> str:
    """A value as a template's `{{ value }}` writes it: localized, then escaped."""
    if type(value) is str:  # most are: escaped at once (a SafeString is a subclass)
        return html.escape(value)
    return conditional_escape(localize(value))


def _markup(html: str) -> SafeString:
    """The finished block. Everything in it that came from the form or the visitor went
    through `_text`; help text is the one exception, written by us and shown as HTML, as
    Django's own field templates show it."""
    return mark_safe(html)  # noqa: S308


def _errors(id_: str, errors) -> str:
    if not errors:
        return ""
    lines = "".join(
        f'<p class="mb-0" id="error_{n}_{id_}"><strong>{_text(error)}</strong></p>'
        for n, error in enumerate(errors, start=1)
    )
    return f'<div id="{id_}_error" class="invalid-feedback d-block">{lines}</div>'


def _choices(field: BoundField, *, with_ids: bool) -> list[tuple[str, str, bool, str]]:
    """Each choice as (value, label, selected, id), escaped, marked as Django's choice
    widgets mark them (`ChoiceWidget.optgroups`, without building a dict of attributes per
    option): the first choice equal to the field's value is selected (every equal one in a
    multiple select), and a radio's id is the field's with the option's position."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    values = widget.format_value(field.value())
    multiple = widget.allow_multiple_selected
    has_selected = False
    lines = []
    for index, (option_value, option_label) in enumerate(widget.choices):
        if isinstance(option_label, (list, tuple)):
            group = [(v, label, f"{index}_{n}") for n, (v, label) in enumerate(option_label)]
        else:
            group = [("" if option_value is None else option_value, option_label, str(index))]
        for value, label, position in group:
            selected = (not has_selected or multiple) and str(value) in values
            has_selected |= selected
            option_id = (
                _text(widget.id_for_label(id_, position) if id_ else None) if with_ids else ""
            )
            lines.append((_text(value), _text(label), selected, option_id))
    return lines


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """The field's whole block: label, input, errors and help text."""
    id_ = _text(field.auto_id)
    name = _text(field.html_name)
    kind = field.widget_type
    widget = field.field.widget
    value = field.value()
    if kind == "hidden":
        shown = f' value="{_text(value)}"' if value is not None and value != "" else ""
        return _markup(f'<input type="hidden" name="{name}"{shown} id="{id_}">\n')

    errors = field.errors
    help_text = str(field.help_text)  # once: it may be lazy, and it is read four times
    required = field.field.required
    label = _text(field.label)
    invalid = " is-invalid" if errors else ""
    aria_invalid = ' aria-invalid="true"' if errors else ""
    required_attr = " required" if required else ""
    required_class = " requiredField" if required else ""
    marker = '<span class="asteriskField">*</span>' if required else ""
    described = ""
    if help_text or errors:
        ids = " ".join(
            part
            for part, wanted in ((f"{id_}_helptext", help_text), (f"{id_}_error", errors))
            if wanted
        )
        described = f' aria-describedby="{ids}"'
    error_block = _errors(id_, errors)
    help_block = (
        f'<div id="{id_}_helptext" class="form-text">{help_text}</div>' if help_text else ""
    )

    if kind == "checkbox":
        checked = " checked" if value else ""
        return _markup(
            f'\n<div class="mb-3"><div id="div_{id_}" class="form-check">\n'
            f'  <input type="checkbox" name="{name}" class="checkboxinput form-check-input'
            f'{invalid}"{required_attr}{aria_invalid}{described} id="{id_}"{checked}>\n'
            f'  <label for="{id_}" class="form-check-label{required_class}">{label}{marker}'
            f"</label>\n"
            f"  {error_block}\n"
            f"  {help_block}\n"
            f"</div></div>\n\n"
        )
    if kind == "radioselect":
        radios = "".join(
            f'\n    <div class="form-check"><input type="radio" '
            f'class="form-check-input{invalid}" name="{name}" value="{option_value}" '
            f'id="{option_id}"{required_attr}{aria_invalid}{" checked" if selected else ""}> '
            f'<label for="{option_id}" class="form-check-label">{option_label}</label></div>'
            for option_value, option_label, selected, option_id in _choices(field, with_ids=True)
        )
        return _markup(
            f'\n<div id="div_{id_}" class="mb-3"><fieldset{described}>\n'
            f'  <legend class="form-label{required_class} fs-6">{label}{marker}</legend>\n'
            f"  <div>{radios}\n"
            f"  </div>\n"
            f"  {error_block}\n"
            f"  {help_block}\n"
            f"</fieldset></div>\n\n"
        )
    if kind == "select":
        choices = "".join(
            f'\n    <option value="{option_value}"{" selected" if selected else ""}>'
            f"{option_label}</option>"
            for option_value, option_label, selected, _id in _choices(field, with_ids=False)
        )
        control = (
            f'<select name="{name}" class="select form-select{invalid}"{aria_invalid}'
            f'{described} id="{id_}">{choices}\n'
            f"  </select>\n  "
        )
    elif kind == "textarea":
        attrs = "".join(f' {_text(k)}="{_text(v)}"' for k, v in widget.attrs.items())
        content = _text(value) if value is not None else ""
        control = (
            f'<textarea name="{name}"{attrs} class="textarea form-control{invalid}"'
            f'{required_attr}{aria_invalid}{described} id="{id_}">\n{content}</textarea>\n  '
        )
    else:
        input_type = getattr(widget, "input_type", "")
        shown = f' value="{_text(value)}"' if value is not None and value != "" else ""
        attrs = "".join(f' {_text(k)}="{_text(v)}"' for k, v in widget.attrs.items() if k != "type")
        control = (
            f'<input type="{_text(widget.attrs.get("type") or input_type)}" name="{name}"'
            f'{shown}{attrs} class="{_text(input_type)}input form-control{invalid}"'
            f'{required_attr}{aria_invalid}{described} id="{id_}">\n  '
        )
    return _markup(
        f'\n<div id="div_{id_}" class="mb-3">\n'
        f'  <label for="{id_}" class="form-label{required_class}">{label}{marker}</label>\n'
        f"  {control}{error_block}\n"
        f"  {help_block}\n"
        f"</div>\n\n"
    )
