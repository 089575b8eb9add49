"""Per-centre settings (time zone, rollover hour, language, idle lock, …)."""

from __future__ import annotations

from frontdesk.config import CentreSettings
from frontdesk.db.models import Setting
from frontdesk.errors import BadInput
from frontdesk.services import audit, store
from frontdesk.services.actor import Actor, require_lead


def get_settings(centre_id: int) -> CentreSettings:
    """The centre's settings, defaults filled in for any not stored."""
    settings = CentreSettings()
    for row in Setting.select(Setting.key, Setting.value).where(Setting.centre == centre_id):
        if row.key in CentreSettings.keys():  # noqa: SIM118 (a classmethod, not a dict)
            try:
                settings = settings.with_value(row.key, row.value)
            except BadInput:
                pass  # a value this version cannot read: keep the default
    return settings


def set_setting(actor: Actor, key: str, value: str) -> CentreSettings:
    """Change one setting (lead only); audited with the old and new value."""
    require_lead(actor, "change settings")
    if key == "city_url":
        value = _keep_password_apart(value)
    new = get_settings(actor.centre_id).with_value(key, value)
    with store.write():
        row = Setting.get_or_none((Setting.centre == actor.centre_id) & (Setting.key == key))
        old = row.value if row else None
        text = str(getattr(new, key))
        if row:
            row.value = text
            row.save()
        else:
            Setting.create(centre=actor.centre_id, key=key, value=text)
        audit.record(actor, "settings.change", "setting", None, key=key, old=old, new=text)
    return new


def _keep_password_apart(url: str) -> str:
    """A city URL's password goes to the owner-only password file, never into the database
    (which backups and a shared server can read); the setting keeps the URL without it."""
    from frontdesk.services import city_secret

    CentreSettings().with_value("city_url", url)  # a bad URL is refused before anything is written
    bare, password = city_secret.split_password(url.strip())
    if password is not None:
        city_secret.store_password(bare, password)
    return bare
