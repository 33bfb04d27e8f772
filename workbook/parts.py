"""Plain names for the parts of a workbook, for messages a person reads.

Salvage, change summaries and merge conflicts all say which part they mean;
they say it here, once, in words, never with the file's key names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# Fallback page titles; views pass the content library's titles where they have them.
DEFAULT_TITLES: Mapping[str, str] = {
    "hormone": "Hormone therapy",
    "targeted": "Targeted therapy",
    "radiation": "Radiation therapy",
    "surgery": "Surgery",
    "chemotherapy": "Chemotherapy",
    "general": "General questions",
}

AREAS: Mapping[str, str] = {
    "profile": "About me",
    "values": "What matters to me",
    "appointments": "Appointments",
    "sharing": "What to share",
    "drafts": "Questions you typed but had not added",
    "order": "The order of your questions",
    "sections": "The treatment pages",
    "checkins": "How I have been",
    "medicines": "My medicines",
    "care_team": "My care team",
}

# Every field of every model (a test checks none is missing).
FIELD_WORDS: Mapping[str, str] = {
    # Workbook
    "schema_version": "the version number",
    "id": "an internal id",
    "created_at": "when it was started",
    "updated_at": "when it was last saved",
    "profile": "About me",
    "appointments": "your appointments",
    "next_appointment_id": "which appointment is next",
    "values": "What matters to me",
    "sections": "the treatment pages",
    "future_opt_in": "whether questions about the future are shown",
    "sharing": "what to share",
    "order": "the order of your questions",
    "drafts": "questions you typed but had not added",
    # Section
    "status": "the page status",
    "questions": "your chosen questions",
    "notes": "your notes",
    "set_aside": "unticked questions kept with their answers",
    # Question and Answer
    "text": "a piece of text",
    "own": "whether a question is your own",
    "starred": "a question's star",
    "answers": "the answers to a question",
    "appointment_id": "which visit an answer belongs to",
    "recorded_at": "when an answer was written",
    # Profile
    "name": "your name",
    "hormone_receptor": "your hormone receptor status",
    "her2": "your HER2 status",
    "biomarkers": "your biomarker test results",
    "biomarker_other": "other biomarker tests",
    "menopause": "your menopause status",
    "sites": "where the cancer has spread",
    "sites_other": "other places the cancer has spread",
    "treatments_so_far": "treatments so far",
    "day_night_phone": "the day and night phone number",
    # Appointment
    "date": "an appointment's date",
    "clinician": "who an appointment is with",
    "purpose": "what an appointment is for",
    "companions": "who is coming along",
    "bring": "what to bring",
    # Values
    "importance": "how much things matter to you",
    "side_effects_to_avoid": "side effects to avoid",
    "in_my_words": "your own words",
    "readiness": "how ready you feel",
    "checkins": "your symptom check-ins",
    "medicines": "your medicines",
    "care_team": "your care team",
    # Appointment, schema 4
    "want": "what you want from a visit",
    "what_changed": "what changed after a visit",
    # Check-in
    "day": "the day of a check-in",
    "ratings": "how your symptoms were",
    "interference": "how much symptoms got in the way",
    "other_symptom": "another symptom",
    "signs": "the urgent signs you ticked",
    # Medicine
    "drug_id": "which listed drug a medicine is",
    "kind": "what kind of medicine it is",
    "dose": "a medicine's dose",
    "how_often": "how often a medicine is taken",
    "started": "when a medicine was started",
    "stopped": "when a medicine was stopped",
    "why": "what a medicine is for",
    "prescribed_by": "who prescribed a medicine",
    # Care team member
    "role": "a person's role",
    "phone": "a phone number",
    "contact": "a portal or email",
    "day_and_night": "the number to call day and night",
}

# A single item of a list field.
ITEM_WORDS: Mapping[str, str] = {
    "questions": "one of your questions",
    "set_aside": "one unticked question",
    "answers": "an answer",
    "appointments": "one appointment",
    "sites": "one place the cancer has spread",
    "order": "the order of your questions",
    "checkins": "one check-in",
    "medicines": "one medicine",
    "care_team": "one person on your care team",
}

# The text field of a question or an answer, named by its owner.
_TEXT_OWNER: Mapping[str, str] = {
    "questions": "the wording of a question",
    "set_aside": "the wording of a question",
    "answers": "an answer",
}

# The name field of a medicine or a person, named by its owner (the profile's is "your name").
_NAME_OWNER: Mapping[str, str] = {
    "medicines": "a medicine's name",
    "care_team": "a person's name",
}

UNKNOWN = "information this version of the app does not know"


# Fields that map keys to values: the element after one of them is a key, not a field.
_DICT_FIELDS = frozenset(
    {"sections", "biomarkers", "importance", "readiness", "sharing", "drafts", "ratings"}
)


def _fields(loc: Sequence[object]) -> list[tuple[int, str]]:
    """(position, name) of each element of loc that names a field, not a key or index."""
    return [
        (i, p) for i, p in enumerate(loc) if isinstance(p, str) and not (i > 0 and loc[i - 1] in _DICT_FIELDS)
    ]


def _phrase(loc: Sequence[object], fields: list[tuple[int, str]]) -> str:
    i, last = fields[-1]
    if i + 1 < len(loc) and isinstance(loc[i + 1], int) and i + 2 == len(loc):
        return ITEM_WORDS.get(last, FIELD_WORDS.get(last, "a part"))
    if last == "text":
        owner = next((f for _, f in reversed(fields[:-1]) if f in _TEXT_OWNER), "")
        return _TEXT_OWNER.get(owner, FIELD_WORDS["text"])
    if last == "name":
        return _NAME_OWNER.get(str(loc[0]), FIELD_WORDS["name"])  # the area holding it
    return FIELD_WORDS.get(last, "a part")


def part_name(loc: Sequence[object], titles: Mapping[str, str] | None = None, unknown: bool = False) -> str:
    """'Hormone therapy: the page status' for ('sections', 'hormone', 'status')."""
    titles = titles or DEFAULT_TITLES
    loc = list(loc)
    if not loc:
        return "Your workbook"
    head = str(loc[0])
    if head == "sections" and len(loc) > 1:
        area, used = titles.get(str(loc[1]), "A treatment page"), 2
    elif head in AREAS:
        area, used = AREAS[head], 1
    else:
        words = UNKNOWN if unknown else FIELD_WORDS.get(head, "a part")
        return words[0].upper() + words[1:]
    if unknown and len(loc) > used:
        return f"{area}: {UNKNOWN}"
    inner = [(i, f) for i, f in _fields(loc) if i >= used]
    if not inner and len(loc) == used + 1 and isinstance(loc[used], int) and head in ITEM_WORDS:
        return f"{area}: {ITEM_WORDS[head]}"
    if head in ("sharing", "drafts", "order") or not inner:
        return area  # a small area, or the whole of one
    return f"{area}: {_phrase(loc, inner)}"
