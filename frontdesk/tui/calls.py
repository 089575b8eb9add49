"""Calling services from the desk app without freezing the screen.

``run_call`` runs a service function in a Textual thread worker and hands the
result back on the UI thread. Refusals (``FrontdeskError``) go to ``failed``
or become an error toast with the user's sentence; anything else is logged
and shown as a generic error toast: never a traceback, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode

from frontdesk.errors import FrontdeskError


def run_call(
    node: DOMNode,
    fn: Callable[..., Any],
    *args: Any,
    done: Callable[[Any], Any] | None = None,
    failed: Callable[[FrontdeskError], Any] | None = None,
    **kwargs: Any,
) -> None:
    """Run ``fn(*args, **kwargs)`` off the UI thread; then ``done(result)`` or ``failed(exc)``.

    ``done`` runs only after ``fn`` returned, i.e. after its commit: confirm a
    change there. Tests wait with ``await app.workers.wait_for_complete()``.
    """
    app = node.app

    def back(callback: Callable[..., Any], *values: Any) -> None:
        try:
            app.call_from_thread(callback, *values)
        except RuntimeError as exc:
            if app.is_running:
                _report(app, exc)
            # else: the app has stopped meanwhile, nothing left to show
        except Exception as exc:  # noqa: BLE001 - a bug in a callback: shown, logged, not fatal
            _report(app, exc)

    def _report(app: Any, exc: Exception) -> None:
        try:
            app.call_from_thread(_show_crash, app, exc)
        except Exception:  # noqa: BLE001
            pass

    def work() -> None:
        try:
            result = fn(*args, **kwargs)
        except FrontdeskError as exc:
            if failed is not None:
                back(failed, exc)
            else:
                back(_show_error, app, exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown as one sentence, logged in full
            from frontdesk.services.store import explain

            sentence = explain(exc)  # a damaged or read-only database, a full disk: say which
            if sentence is not None:
                back(failed or (lambda e: _show_error(app, e)), sentence)
            else:
                back(_show_crash, app, exc)
            return
        if done is not None:
            back(done, result)

    name = getattr(fn, "__qualname__", "call")
    node.run_worker(work, name=name, thread=True, exit_on_error=False, group="db")


def _show_error(app: Any, exc: FrontdeskError) -> None:
    show = getattr(app, "show_error", None)
    if show is not None:
        show(exc)
    else:
        app.notify(str(exc), severity="error")


def _show_crash(app: Any, exc: Exception) -> None:
    from frontdesk.i18n import t

    crashes = getattr(app, "crashes", None)
    if isinstance(crashes, list):
        crashes.append(exc)
    app.log.error(f"service call failed: {type(exc).__name__}: {exc}")
    import traceback

    app.log.error("".join(traceback.format_exception(exc)))
    app.notify(t("app.error"), title=t("app.error.title"), severity="error", timeout=8)
