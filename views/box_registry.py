"""Which change each text box makes, kept for a while beyond the session that drew it.

Text typed less than a second before the person leaves the page by the address
bar, a bookmark or a refresh is kept by the browser and sent again by the next
page, which is a new session: that session never drew the box, so it would not
know what the text is for. The box's change (a closure over ids, never any text)
is kept here under the drawing session's random owner token and the box key, so
the new session applies exactly the change the box would have made. Bounded:
the oldest entries go first; a box not found is simply not applied.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from workbook.model import Workbook

Apply = Callable[[Workbook, Any], Any]
LIMIT = 20_000  # boxes remembered in this server process (a page draws a few dozen)

_lock = threading.Lock()
_seen: OrderedDict[tuple[str, str], Apply] = OrderedDict()


def remember(owner: str, widget_key: str, apply: Apply) -> None:
    with _lock:
        _seen[(owner, widget_key)] = apply
        _seen.move_to_end((owner, widget_key))
        while len(_seen) > LIMIT:
            _seen.popitem(last=False)


def find(owner: Any, widget_key: str) -> Apply | None:
    if not isinstance(owner, str):
        return None
    with _lock:
        return _seen.get((owner, widget_key))
