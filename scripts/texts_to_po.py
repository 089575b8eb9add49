"""One-time conversion: frontdesk/texts/*.py (key -> (bokmål, English)) to gettext catalogues.

Run once (python scripts/texts_to_po.py) before frontdesk/texts/ was deleted; kept in the
history only. Plural texts were "one|many"; they become ngettext entries whose msgid and
msgid_plural are the key. Texts of ids nobody uses (UNUSED) are left out.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

import frontdesk.texts as package

LOCALE = Path("frontdesk/locale")
PLURAL_PREFIXES = ("supplies.unit.",)
UNUSED = {
    "app.closed", "app.locked", "app.title", "key.back", "key.save", "key.tab.tip",
    "lunch.title", "reason.title", "register.optional", "signon.welcome",
    "word.cancel", "word.no", "word.ok", "word.served", "word.yes",
}  # fmt: skip


def main() -> None:
    catalogues = {
        lang: Catalog(locale=lang, domain="frontdesk", project="frontdesk", version="0.1.0", fuzzy=False,
                      copyright_holder="frontdesk", msgid_bugs_address="")
        for lang in ("nb", "en")
    }  # fmt: skip
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, (nb, en) in getattr(module, "TEXTS", {}).items():
            if key in UNUSED:
                continue
            en = en or nb
            plural = "|" in nb + en or key.startswith(PLURAL_PREFIXES)
            for lang, value in (("nb", nb), ("en", en)):
                location = [(f"frontdesk/texts/{info.name}.py", 0)]
                if plural:
                    one, _bar, many = value.partition("|")
                    catalogues[lang].add((key, key), (one, many or one), locations=location)
                else:
                    catalogues[lang].add(key, value, locations=location)
    for lang, catalogue in catalogues.items():
        folder = LOCALE / lang / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "frontdesk.po", "wb") as po:
            write_po(po, catalogue, omit_header=False, include_lineno=False, no_location=True)
        with open(folder / "frontdesk.mo", "wb") as mo:
            write_mo(mo, catalogue)


if __name__ == "__main__":
    main()
