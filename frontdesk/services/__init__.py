"""frontdesk's domain: one module per area, one function per user action.

Every action takes an ``Actor`` (who acts), validates, writes in one
transaction together with its audit event, and returns a plain dataclass.
Refusals raise ``frontdesk.errors.FrontdeskError`` subclasses whose message is
the sentence the user sees. No Textual here: the desk app and the command line
both call these functions. The API is listed in ``docs/services-api.md``.

From a Python shell, on a database made with ``frontdesk init`` or
``frontdesk demo``::

    >>> from frontdesk.services import store, staff, visits, lunch, dayclose
    >>> store.open_store("demo.db")                        # doctest: +SKIP
    >>> me = staff.sign_on(1, "AB", "4711")                # centre id 1, lead AB
    >>> visits.check_in(me)                                # one anonymous visit
    VisitInfo(id=..., visitor_code=None, gender='u', ...)
    >>> visits.check_in(me, code="kl85")                   # a returning visitor
    >>> lunch.add_visitor(me, "KL85")                      # on today's lunch roster
    >>> dayclose.x_report(me).get("visits.total")          # the running tally
    >>> dayclose.close_day(me, counted_cash_ore=125_00)    # Z-report; the day is now read-only
"""
