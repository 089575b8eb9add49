"""Babel extraction method for frontdesk's symbolic message ids (babel.cfg names it).

Babel's own Python extractor reads only string literals that are direct positional
arguments. frontdesk passes ids further: as both branches of a conditional
(``t("a" if x else "b")``), as a binding's description and ``tooltip=``, as an
error's ``hint=``. This extractor reads the syntax tree and yields, for each call
of a function named in ``ARGS``, the string literals in the argument positions and
keywords given there (through ``x if c else y``). Tables of ids (``PALETTE``) are read too. ``tn`` gives a plural entry
(the id is its own plural: the plural forms live in the catalogues).

``dynamic_ids(source)`` lists the f-string ids (``t(f"gender.{g}")``) that no
extractor can read; tests/test_texts.py checks each is covered by
frontdesk/i18n_ids.py.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

# function name -> (positional indexes that hold ids, keywords that hold ids)
# (``i18n.text`` is named with its module: ``validate.text`` takes a value, not an id)
ARGS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "t": ((0,), ()),
    "tn": ((0,), ()),
    "N_": ((0,), ()),
    "N_plural": ((0,), ()),
    "text": ((1,), ()),  # papers.text(lang, id), called by its bare name with two arguments
    "i18n.text": ((1,), ()),
    "i18n.text_n": ((1,), ()),
    "Msg": ((0,), ()),
    "MsgN": ((0,), ()),
    "i18n.Msg": ((0,), ()),
    "i18n.MsgN": ((0,), ()),
    "desk_config_error": ((1,), ()),
    "HintLine": ((0,), ()),
    "set_hint": ((1,), ()),
    "Binding": ((2,), ("description", "tooltip")),
    # services/validate.py: the message id of a field's whole rule
    "validate.text": ((), ("sentence",)),
    "validate.in_range": ((), ("sentence",)),
    "validate.code": ((2,), ()),
    "validate.one_of": ((2,), ()),
    "code": ((2,), ()),  # inside validate.py
    "one_of": ((2,), ()),
    "validate_text": ((), ("sentence",)),
    "in_range": ((), ("sentence",)),
}
PLURAL = {"tn", "i18n.text_n", "N_plural", "MsgN", "i18n.MsgN"}
# FrontdeskError(id, hint=id, **params) and its subclasses (tests/test_texts.py keeps the
# list complete); the command line's click errors are click's own, in English.
ERRORS = {
    "FrontdeskError", "BadInput", "NotFound", "NotAllowed", "WrongPin", "LockedOut", "DayClosed",
    "OutOfStock", "NeedsSecondLead", "StoreUnavailable", "StoreDamaged", "DiskFull", "OutputClosed", "StoreError",
    "NoDatabase", "KeyUnavailable", "CityUnavailable", "CityRefused",
}  # fmt: skip
ERROR_KEYWORDS = ("hint",)


def _name(func: ast.expr) -> str | None:
    """``f`` for ``f(...)``; ``module.f`` for ``module.f(...)``; ``f`` for ``obj.x.f(...)``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in ERRORS and func.attr == "of":
            return func.value.id  # BadInput.of(id, params, hint=id)
        if isinstance(func.value, ast.Name) and f"{func.value.id}.{func.attr}" in ARGS:
            return f"{func.value.id}.{func.attr}"
        return func.attr if func.attr in ERRORS or func.attr in ("N_", "t", "tn") else None
    return None


def _literals(node: ast.expr) -> Iterator[tuple[int, str]]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)


def _id_args(call: ast.Call) -> Iterator[ast.expr]:
    name = _name(call.func)
    if name is None:
        return
    if name == "text" and len(call.args) != 2:
        name = "validate.text"  # text(value, field, max_len) inside validate.py
    if name in ARGS:
        positions, keywords = ARGS[name]
    elif name in ERRORS:
        positions, keywords = (0,), ERROR_KEYWORDS
    else:
        return
    for index in positions:
        if index < len(call.args):
            yield call.args[index]
    for keyword in call.keywords:
        if keyword.arg in keywords:
            yield keyword.value


# tables of ids: a class attribute of this name holds tuples whose first items are ids
TABLES: dict[str, tuple[int, ...]] = {"PALETTE": (0, 1)}  # (title id, help id, method)


def _table_ids(node: ast.AST) -> Iterator[tuple[int, str]]:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        name, value = node.target.id, node.value
    elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        name, value = node.targets[0].id, node.value
    else:
        return
    if name in TABLES and isinstance(value, ast.List | ast.Tuple):
        for row in value.elts:
            if isinstance(row, ast.Tuple):
                for index in TABLES[name]:
                    yield from _literals(row.elts[index])


def message_ids(source: str) -> Iterator[tuple[int, str, bool]]:
    """(line, id, plural) for every id literal in ``source``."""
    for node in ast.walk(ast.parse(source)):
        for lineno, value in _table_ids(node):
            yield lineno, value, False
        if isinstance(node, ast.Call):
            plural = _name(node.func) in PLURAL
            for arg in _id_args(node):
                for lineno, value in _literals(arg):
                    if value:
                        yield lineno, value, plural


def dynamic_ids(source: str) -> Iterator[tuple[int, str]]:
    """(line, pattern) for every f-string id: ``t(f"gender.{g}")`` gives "gender.{}"."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for arg in _id_args(node):
                if isinstance(arg, ast.JoinedStr):
                    pattern = "".join(
                        str(v.value) if isinstance(v, ast.Constant) else "{}" for v in arg.values
                    )
                    yield arg.lineno, pattern


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str, str], list[str]]]:
    """The Babel extraction method: ``[babel_extract.extract: frontdesk/**.py]``."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, value, plural in sorted(message_ids(source)):
        yield lineno, "ngettext" if plural else "gettext", (value, value) if plural else value, []
