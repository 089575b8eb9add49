"""Calling services from the desk app without freezing the screen.

``run_call`` runs a service function in a Textual thread worker and hands the
result back on the UI thread. Refusals (``FrontdeskError``) go to ``failed``
or become an error toast with the user's sentence; anything else is logged
and shown as a generic error toast: never a traceback, never a crash.

The service function itself runs on one of ``DB_THREADS`` long-lived threads:
peewee keeps one connection per thread, so the desk holds at most that many
connections (a PostgreSQL server counts them), and reuses them call after call.
The worker only waits for it and delivers the answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from frontdesk.errors import FrontdeskError
from frontdesk.tui.desk import desk

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from frontdesk.tui.app import DeskApp

R = TypeVar("R")

# Threads (and so database connections) for the desk's service calls: a check-in is
# not held behind a slow load (the periodic refresh, a Z-report), and a 2-core desk
# PC or a shared PostgreSQL server is not asked for more.
DB_THREADS = 2

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _db_threads() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="frontdesk-db")
        return _pool


def run_call(
    node: DOMNode,
    fn: Callable[..., R],
    *args: Any,
    done: Callable[[R], object] | None = None,
    failed: Callable[[FrontdeskError], object] | None = None,
    **kwargs: Any,
) -> None:
    """Run ``fn(*args, **kwargs)`` off the UI thread; then ``done(result)`` or ``failed(exc)``.

    ``done`` runs only after ``fn`` returned, i.e. after its commit: confirm a
    change there. Tests wait with ``await app.workers.wait_for_complete()``.
    """
    app = desk(node)

    def back(callback: Callable[..., object], *values: Any) -> None:
        try:
            app.call_from_thread(callback, *values)
        except RuntimeError as exc:
            if app.is_running:
                _report(exc)
            # else: the app has stopped meanwhile, nothing left to show
        except Exception as exc:  # noqa: BLE001 - a bug in a callback: shown, logged, not fatal
            _report(exc)

    def _report(exc: Exception) -> None:
        try:
            app.call_from_thread(_show_crash, app, exc)
        except Exception:  # noqa: BLE001
            pass

    def call() -> tuple[R | None, BaseException | None]:
        # On a database thread: the service call, and the sentence for a storage failure.
        try:
            return fn(*args, **kwargs), None
        except FrontdeskError as exc:
            return None, exc
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, logged in full
            from frontdesk.services.store import explain

            return None, explain(exc) or exc  # a damaged or read-only database, a full disk

    def work() -> None:
        result, exc = _db_threads().submit(call).result()
        if isinstance(exc, FrontdeskError):
            back(failed or app.show_error, exc)
        elif isinstance(exc, Exception):
            back(_show_crash, app, exc)
        elif done is not None:
            back(done, result)

    name = getattr(fn, "__qualname__", "call")
    node.run_worker(work, name=name, thread=True, exit_on_error=False, group="db")


def _show_crash(app: DeskApp, exc: Exception) -> None:
    from frontdesk.i18n import t

    app.crashes.append(exc)
    app.log.error(f"service call failed: {type(exc).__name__}: {exc}")
    import traceback

    app.log.error("".join(traceback.format_exception(exc)))
    app.notify(t("app.error"), title=t("app.error.title"), severity="error", timeout=8)
