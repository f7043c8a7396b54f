"""Logging filters. Loaded by LOGGING before the apps, so nothing here imports a model."""

from __future__ import annotations

import logging
import re

# A feed address's path, whatever stands where the token goes.
FEED_PATH = re.compile(r"(/clients/calendar/)[^/?\s\"]+(\.ics)")


def _hidden(text: str) -> str:
    return FEED_PATH.sub(r"\1<token>\2", text)


class HideFeedToken(logging.Filter):
    """Hides feed tokens in the request loggers' lines ("Not Found: /clients/calendar/…"):
    a log must not hold a working address."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _hidden(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_hidden(a) if isinstance(a, str) else a for a in record.args)
        return True
