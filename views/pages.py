"""Where each part of the workbook lives, for links between pages."""

from __future__ import annotations

from views import session
from views.session import t

TASK_PAGES = {
    "about": "views/about_me.py",
    "values": "views/values.py",
    **{
        sid: f"views/{sid}.py"
        for sid in ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")
    },
    "questions": "views/my_questions.py",
}
_TITLES = {"about": "about.title", "values": "values.title", "questions": "questions.title"}


def task_title(task_id: str) -> str:
    if task_id in _TITLES:
        return t(_TITLES[task_id])
    return session.library().sections[task_id].title
