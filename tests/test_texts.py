"""The gettext catalogues stay complete, used, consistent and compiled.

Ids used in the code are read with the same extractor `make messages` gives Babel
(scripts/babel_extract.py), so what this test calls "used" is what the template holds.
"""

from __future__ import annotations

import gettext
import io
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from frontdesk import errors, i18n, i18n_ids
from frontdesk.services import vocab
from scripts import babel_extract

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "frontdesk").rglob("*.py"))
LANGUAGES = i18n.languages()


def _po(lang: str) -> Catalog:
    with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "frontdesk.po", "rb") as po:
        return read_po(po)


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _used() -> dict[str, bool]:
    """Every message id the code uses -> whether it is shown with a plural (tn)."""
    used: dict[str, bool] = {}
    for path in SOURCES:
        for _line, message_id, plural in babel_extract.message_ids(path.read_text()):
            used[message_id] = used.get(message_id, False) or plural
    return used


def _fields(text: str) -> set[str]:
    """The parameters a text needs ({keys[id]:F6} names a key and needs none)."""
    return {name for name in _all_fields(text) if not name.startswith("keys[")}


def _all_fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_bokmal_and_english_are_there_and_bokmal_comes_first() -> None:
    assert LANGUAGES[0] == "nb" and "en" in LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_used_message_id_has_a_translation(lang: str) -> None:
    catalogue = _po(lang)
    missing = []
    for message_id, plural in _used().items():
        message = catalogue.get((message_id, message_id)[0])
        if message is None:
            missing.append(message_id)
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms) or message.fuzzy or plural != message.pluralizable:
            missing.append(message_id)
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_defined_message_id_is_used(lang: str) -> None:
    used = _used()
    unused = [_key(m.id) for m in _po(lang) if m.id and _key(m.id) not in used]
    assert unused == []


# A translation may leave out a parameter on purpose (never add one: it would be missing).
OMITTED = {
    # require_lead(actor, "manage staff"): the action is an English phrase for the command
    # line; bokmål says "Bare en vaktleder kan gjøre dette."
    ("nb", "error.actor.shift_lead_may"): {"what"},
}


def test_each_language_has_the_same_ids_and_placeholders() -> None:
    catalogues = {lang: {_key(m.id): m for m in _po(lang) if m.id} for lang in LANGUAGES}
    first = catalogues["en"]  # the command line's language: every parameter is in it
    for lang, catalogue in catalogues.items():
        assert set(catalogue) == set(first), lang
        for message_id, message in catalogue.items():
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            theirs = first[message_id].string
            theirs = theirs if isinstance(theirs, tuple) else (theirs,)
            ours = set().union(*map(_fields, forms)) | OMITTED.get((lang, message_id), set())
            assert ours == set().union(*map(_fields, theirs)), (lang, message_id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_are_declared_and_filled(lang: str) -> None:
    catalogue = _po(lang)
    assert catalogue.num_plurals == 2 and "n != 1" in catalogue.plural_expr
    plural = [m for m in catalogue if m.id and m.pluralizable]
    assert len(plural) >= 8  # units, portions, hand-outs, returns, opening stock
    for message in plural:
        assert len(message.string) == catalogue.num_plurals and all(message.string), message.id
    one, many = i18n.text_n(lang, "rights.portions", 1), i18n.text_n(lang, "rights.portions", 5)
    assert one.startswith("1 ") and many.startswith("5 ") and one[2:] != many[2:]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_is_compiled_from_the_po(lang: str) -> None:
    """The wheel ships the committed .mo: `make messages` must have run after a .po change."""
    compiled = io.BytesIO()
    write_mo(compiled, _po(lang))
    compiled.seek(0)
    shipped = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "frontdesk.mo"
    with open(shipped, "rb") as mo:
        assert gettext.GNUTranslations(mo)._catalog == gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]


def test_every_call_passes_exactly_the_parameters_its_text_uses() -> None:
    """t("checkin.done", who=…, time=…), BadInput("error.…", code=…): a parameter the text
    does not use, or a placeholder no call fills (a KeyError at the desk), fails here."""
    import ast

    english = {_key(m.id): m.string for m in _po("en") if m.id}
    calls = {"t", "tn", "Msg", "MsgN", "desk_config_error", *babel_extract.ERRORS}
    wrong = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or babel_extract._name(node.func) not in calls:
                continue
            name = babel_extract._name(node.func)
            given = {k.arg for k in node.keywords if k.arg not in ("hint", None)}
            if any(k.arg is None for k in node.keywords) or not node.args:
                continue  # **params: checked where they are made
            index = 1 if name == "desk_config_error" else 0
            if len(node.args) <= index:
                continue
            for _line, message_id in babel_extract._literals(node.args[index]):
                text = english.get(message_id)
                if text is None:
                    continue  # not a message id (a test elsewhere catches unknown ids)
                forms = text if isinstance(text, tuple) else (text,)
                needed = set().union(*map(_fields, forms)) - (
                    {"count"} if name in ("tn", "MsgN") else set()
                )
                if needed != given:
                    wrong.append(
                        f"{path.name}:{node.lineno} {message_id}: {sorted(given)} != {sorted(needed)}"
                    )
    assert wrong == []


def test_every_key_a_text_names_is_a_binding_of_the_desk() -> None:
    from frontdesk.tui.keymap import binding_ids

    named = {
        name[len("keys[") : -1]
        for lang in LANGUAGES
        for message in _po(lang)
        if message.id
        for form in (message.string if isinstance(message.string, tuple) else (message.string,))
        for name in _all_fields(form)
        if name.startswith("keys[")
    }
    assert len(named) >= 30 and named <= binding_ids(), named - binding_ids()


def test_a_remapped_key_is_spelt_as_the_texts_spell_keys() -> None:
    try:
        i18n.set_key_names({"checkin.f": "f10", "checkin.void": "ctrl+d,delete"})
        hint = i18n.text("en", "checkin.hint.code")
        assert "F10 woman" in hint and "F7 man" in hint and "F6" not in hint
        assert "Ctrl+D void" in i18n.text("en", "checkin.list_title")
    finally:
        i18n.set_key_names({})


# The patterns of ids made from a vocabulary list (i18n_ids.DYNAMIC) and the list.
FROM_VOCABULARY = {
    "gender.{}": vocab.GENDERS,
    "lunch.group.{}": vocab.LUNCH_GROUPS,
    "day.lunch.{}": (*vocab.LUNCH_GROUPS, "total"),
    "paper.lunch.{}": (*vocab.LUNCH_GROUPS, "total"),
    "megafon.pay.{}": vocab.PAYMENTS,
    "paper.megafon.{}": (*vocab.PAYMENTS, "copies", "revenue", "sales"),
    "rights.payment.{}": vocab.PAYMENTS,
    "supplies.recipient.{}": vocab.NALOXONE_RECIPIENTS,
    "stock.reason.{}": vocab.STOCK_REASONS,
    "cash.kind.{}": vocab.CASH_MOVES,
    "cash.reason.{}": vocab.CASH_REASONS,
}


def test_every_id_built_at_run_time_is_listed() -> None:
    found = {
        (path.relative_to(ROOT).as_posix(), pattern)
        for path in SOURCES
        for _line, pattern in babel_extract.dynamic_ids(path.read_text())
    }
    assert found and {p for _f, p in found} <= set(i18n_ids.DYNAMIC), found


@pytest.mark.parametrize("pattern", sorted(FROM_VOCABULARY))
def test_ids_built_from_the_vocabulary_name_exactly_its_values(pattern: str) -> None:
    listed = set(i18n_ids.DYNAMIC[pattern])
    assert {pattern.format(value) for value in FROM_VOCABULARY[pattern]} <= listed
    rest = listed - {pattern.format(value) for value in FROM_VOCABULARY[pattern]}
    assert rest == set(), f"{pattern}: {sorted(rest)} are not values of the vocabulary"


def test_every_dynamic_pattern_lists_ids_of_its_own_shape() -> None:
    for pattern, ids in i18n_ids.DYNAMIC.items():
        shape = re.compile(re.escape(pattern).replace(r"\{\}", "[a-z_]+") + "$")
        assert ids and all(shape.match(message_id) for message_id in ids), pattern


def test_the_extractor_knows_every_error_class() -> None:
    def subclasses(cls: type) -> set[str]:
        return {name for sub in cls.__subclasses__() for name in {sub.__name__} | subclasses(sub)}

    import frontdesk.db.connect  # noqa: F401  (StoreError, NoDatabase)
    import frontdesk.services.pepper  # noqa: F401  (KeyUnavailable)

    assert subclasses(errors.FrontdeskError) | {"FrontdeskError"} == babel_extract.ERRORS


def test_an_error_is_english_for_the_command_line_and_in_the_desks_language() -> None:
    refused = errors.BadInput("error.lunch.already_on_roster", who="AB85")
    assert str(refused) == "AB85 is already on today's lunch roster."
    assert refused.text("nb") == "AB85 står allerede på dagens lunsjliste."
    hinted = errors.StoreUnavailable(
        "error.connect.no_database", hint="error.store.no_database_hint", path="x.db"
    )
    assert hinted.hint and hinted.hint.startswith("Name the database with --db")


def test_a_new_catalogue_makes_its_language_selectable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nynorsk needs only nn/LC_MESSAGES/frontdesk.po (+ its .mo): here a copy of bokmål."""
    from frontdesk.config import parse_setting

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    (locale / "nn" / "LC_MESSAGES").mkdir(parents=True)
    for suffix in ("po", "mo"):
        shutil.copy(
            locale / "nb" / "LC_MESSAGES" / f"frontdesk.{suffix}",
            locale / "nn" / "LC_MESSAGES" / f"frontdesk.{suffix}",
        )
    with pytest.raises(errors.BadInput) as refused:
        parse_setting("language", "nn")
    assert "'nb' (bokmål), 'en' (English)" in str(refused.value)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.translation.cache_clear()
    try:
        assert i18n.languages() == ("nb", "en", "nn")
        assert parse_setting("language", "nn") == "nn"
        i18n.set_language("nn")
        assert i18n.get_language() == "nn" and i18n.t("tab.lunch") == "Lunsj"
    finally:
        i18n.set_language("nb")
        i18n.translation.cache_clear()
