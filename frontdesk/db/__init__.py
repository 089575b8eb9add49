"""Persistence for frontdesk: models, connecting, schema migrations.

Knows nothing of frontdesk's rules; `frontdesk.services` builds on it.
"""

from frontdesk.db.connect import (
    StoreError,
    check_target,
    connect,
    is_postgres,
    transaction,
    truncate_wal,
    use_wal,
)
from frontdesk.db.models import database

__all__ = [
    "StoreError",
    "check_target",
    "connect",
    "database",
    "is_postgres",
    "transaction",
    "truncate_wal",
    "use_wal",
]
