"""Steps that bring a saved workbook from an older schema version to the current one.

Each step takes the raw dict of version N and returns version N + 1. A file
from any older version runs every step after it, in order.

Version 1 was the first draft of the file: one answer per question, and the
person's own questions as a plain list of strings beside the chosen ones.
Version 2 keeps answers per appointment and own questions as full questions.
Version 3 adds the person's agenda order across pages (`order`), questions set
aside with their answers (`set_aside` per section) and own-question `drafts`.
Version 4 adds the diary (`checkins`), `medicines` and the `care_team`; the
day-and-night number moves from the profile to the care team; appointments
gain `want` and `what_changed`; the new sharing parts start unshared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

Raw = dict[str, Any]


def _v1_to_v2(data: Raw) -> Raw:
    for section in (data.get("sections") or {}).values():
        if not isinstance(section, dict):
            continue
        questions = []
        for q in section.get("questions") or []:
            if isinstance(q, dict):
                q = dict(q)
                answer = q.pop("answer", "")
                q["answers"] = [{"appointment_id": None, "text": answer}] if answer else []
            questions.append(q)
        for text in section.pop("own_questions", None) or []:
            # A stable id, so importing the same v1 file twice gives the same ids.
            digest = hashlib.sha256(str(text).encode("utf-8", "replace")).hexdigest()[:10]
            questions.append({"id": f"own-{digest}", "text": text, "own": True})
        section["questions"] = questions
    data["schema_version"] = 2
    return data


def _v2_to_v3(data: Raw) -> Raw:
    # The agenda was page by page (starred first, which agenda() still does).
    order: list[str] = []
    sections = data.get("sections") or {}
    for section in sections.values() if isinstance(sections, dict) else ():
        questions = section.get("questions") if isinstance(section, dict) else None
        for q in questions if isinstance(questions, list) else ():
            qid = q.get("id") if isinstance(q, dict) else None
            if isinstance(qid, str) and qid not in order:
                order.append(qid)
    data["order"] = order
    data["schema_version"] = 3
    return data


def _v3_to_v4(data: Raw) -> Raw:
    profile = data.get("profile")
    phone = profile.pop("day_night_phone", "") if isinstance(profile, dict) else ""
    team = []
    if isinstance(phone, str) and phone.strip():
        # The member's id comes from the number, so migrating twice gives the same id.
        digest = hashlib.sha256(phone.encode("utf-8", "replace")).hexdigest()[:10]
        team.append(
            {"id": f"team-{digest}", "name": "", "role": "other", "phone": phone, "day_and_night": True}
        )
    elif phone is not None and not isinstance(phone, str):
        # Not text: left where salvage names it, never silently dropped.
        data["profile"]["day_night_phone"] = phone
    data.setdefault("care_team", team)
    data.setdefault("checkins", [])
    data.setdefault("medicines", [])
    sharing = data.get("sharing")
    if isinstance(sharing, dict):
        for part in ("diary", "medicines", "team"):
            sharing.setdefault(part, False)
    data["schema_version"] = 4
    return data


# version -> step from that version to the next
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(data: Raw, from_version: int, to_version: int) -> Raw:
    for version in range(from_version, to_version):
        data = MIGRATIONS[version](data)
    return data
