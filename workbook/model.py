"""The workbook: one typed object holding everything a person writes.

The UI and the PDF only read it; changes go through `workbook.edits`.
Bump SCHEMA_VERSION and add a step to `workbook.migrations` for any change
to the saved shape.
"""

from __future__ import annotations

import datetime as dt
import secrets
from datetime import datetime
from typing import Annotated, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

SCHEMA_VERSION: Final = 4  # Final: mypy reads it as Literal[4], the field below

# Generous limits: room for a very long note, never for a memory bomb.
MAX_TEXT = 100_000
MAX_SHORT_TEXT = 2_000
MAX_ITEMS = 5_000

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
ShortText = Annotated[str, StringConstraints(max_length=MAX_SHORT_TEXT)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]

SectionId = Literal["hormone", "targeted", "radiation", "surgery", "chemotherapy", "general"]
SECTION_IDS: tuple[SectionId, ...] = (
    "hormone",
    "targeted",
    "radiation",
    "surgery",
    "chemotherapy",
    "general",
)

Status = Literal["not_started", "in_progress", "ready", "not_for_me"]
HormoneStatus = Literal["positive", "negative", "not_sure"]
Her2Status = Literal["positive", "low", "ultralow", "zero", "not_sure"]
Menopause = Literal["before", "after", "not_sure", "does_not_apply"]
TestResult = Literal["yes", "no", "not_tested", "not_sure"]
BiomarkerId = Literal["esr1", "pik3ca_akt1_pten", "brca", "pdl1", "other"]
BIOMARKER_IDS: tuple[BiomarkerId, ...] = ("esr1", "pik3ca_akt1_pten", "brca", "pdl1", "other")
Site = Literal["bone", "lung", "liver", "brain", "lymph_nodes", "skin", "other"]
Importance = Literal["very", "somewhat", "not_much", "not_sure"]
ShareId = Literal[
    "basics", "values", "questions", "appointment", "notes", "future", "diary", "medicines", "team"
]
# A symptom's id comes from content/diary.toml; kept as text so a workbook survives content changes.
SymptomId = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Rating = Annotated[int, Field(ge=0, le=4)]  # 0 none .. 4 very severe (words in content)
MedicineKind = Literal["cancer", "other", "supplement"]
MEDICINE_KINDS: tuple[MedicineKind, ...] = ("cancer", "other", "supplement")
Role = Literal[
    "oncologist",
    "nurse_navigator",
    "radiation_oncologist",
    "surgeon",
    "palliative_care",
    "gp",
    "pharmacist",
    "social_worker",
    "other",
]
ROLES: tuple[Role, ...] = (
    "oncologist",
    "nurse_navigator",
    "radiation_oncologist",
    "surgeon",
    "palliative_care",
    "gp",
    "pharmacist",
    "social_worker",
    "other",
)
MAX_CHECKINS = 1500  # about 14 years of two check-ins a week
MAX_MEDICINES = 200
MAX_TEAM = 50
EARLIEST_DAY = dt.date(1900, 1, 1)


def new_id(nbytes: int = 16) -> str:
    """A random, URL-safe id: 16 bytes is 128 bits."""
    return secrets.token_urlsafe(nbytes)


def utcnow() -> datetime:
    return datetime.now(dt.UTC)


class Model(BaseModel):
    # validate_assignment: a bad value raises at the edit and never reaches the store.
    # hide_input_in_errors: a validation error must never echo what a person wrote.
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True, validate_assignment=True)


class Answer(Model):
    """What the care team said, tied to the visit it was asked at."""

    appointment_id: Id | None = None
    text: Text = ""
    recorded_at: datetime = Field(default_factory=utcnow)


class Question(Model):
    """A chosen library question or the person's own.

    For a library question `text` keeps the wording as it was chosen, so a
    question later dropped from the library is still shown, never lost.
    """

    id: Id
    text: Text
    own: bool = False
    starred: bool = False
    answers: list[Answer] = Field(default_factory=list, max_length=MAX_ITEMS)


class Section(Model):
    status: Status = "not_started"
    questions: list[Question] = Field(default_factory=list, max_length=MAX_ITEMS)
    notes: Text = ""
    # Unticked questions that had answers: kept here so ticking again brings them back.
    set_aside: list[Question] = Field(default_factory=list, max_length=MAX_ITEMS)


class Profile(Model):
    name: ShortText = ""
    hormone_receptor: HormoneStatus | None = None
    her2: Her2Status | None = None
    biomarkers: dict[BiomarkerId, TestResult] = Field(default_factory=dict)
    biomarker_other: ShortText = ""
    menopause: Menopause | None = None
    sites: list[Site] = Field(default_factory=list)
    sites_other: ShortText = ""
    treatments_so_far: Text = ""
    # Schema 4 moved the day-and-night number to the care team (see workbook.team).
    # TEMPORARY compatibility for readers not yet moved: a read-only mirror the
    # workbook keeps; new code calls team.day_night_phone(wb). Never saved.
    _team_phone: str = PrivateAttr(default="")

    @property
    def day_night_phone(self) -> str:
        return self._team_phone


class Appointment(Model):
    id: Id = Field(default_factory=lambda: new_id(6))
    date: dt.date | None = None
    clinician: ShortText = ""
    purpose: ShortText = ""
    companions: ShortText = ""
    bring: Text = ""
    want: Text = ""  # what I want from this visit
    what_changed: Text = ""  # what changed afterwards


def latest_day() -> dt.date:
    """The latest day a check-in may be for: today, a day ahead for time zones east of UTC."""
    return utcnow().date() + dt.timedelta(days=1)


class CheckIn(Model):
    """How I have been: one check-in (the last 7 days, in the spirit of NCI PRO-CTCAE)."""

    id: Id = Field(default_factory=lambda: new_id(6))
    day: dt.date
    recorded_at: datetime = Field(default_factory=utcnow)
    # symptom id -> 0..4; a symptom not rated is absent.
    ratings: dict[SymptomId, Rating] = Field(default_factory=dict, max_length=100)
    interference: Rating | None = None
    other_symptom: ShortText = ""
    notes: Text = ""
    # Ids of the register's urgent signs the person ticked.
    signs: list[Id] = Field(default_factory=list, max_length=100)

    @field_validator("day")
    @classmethod
    def _not_in_the_future(cls, day: dt.date) -> dt.date:
        if day > latest_day():
            raise ValueError("a check-in cannot be for a day in the future")
        if day < EARLIEST_DAY:
            raise ValueError("a check-in day before 1900")
        return day


class Medicine(Model):
    id: Id = Field(default_factory=lambda: new_id(6))
    name: ShortText = ""
    drug_id: Id | None = None  # the treatment register's id when picked from it
    kind: MedicineKind = "other"
    dose: ShortText = ""
    how_often: ShortText = ""
    started: dt.date | None = None
    stopped: dt.date | None = None
    why: ShortText = ""
    prescribed_by: ShortText = ""


class TeamMember(Model):
    id: Id = Field(default_factory=lambda: new_id(6))
    name: ShortText = ""
    role: Role = "other"
    phone: ShortText = ""
    contact: ShortText = ""  # portal or email
    day_and_night: bool = False  # the number to call day and night (at most one)


class Values(Model):
    """What matters to me, in the spirit of the Ottawa Personal Decision Guide."""

    importance: dict[Id, Importance] = Field(default_factory=dict)
    side_effects_to_avoid: Text = ""
    in_my_words: Text = ""
    readiness: dict[Id, bool] = Field(default_factory=dict)


def _default_sharing() -> dict[ShareId, bool]:
    # Private notes and questions about the future stay out until chosen.
    return {
        "basics": True,
        "values": True,
        "questions": True,
        "appointment": True,
        "notes": False,
        "future": False,
        # The diary, medicines and care team go to a caregiver only where chosen.
        "diary": False,
        "medicines": False,
        "team": False,
    }


def _default_sections() -> dict[SectionId, Section]:
    return {sid: Section() for sid in SECTION_IDS}


class Workbook(Model):
    schema_version: Literal[4] = SCHEMA_VERSION
    id: Id = Field(default_factory=new_id)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    profile: Profile = Field(default_factory=Profile)
    appointments: list[Appointment] = Field(default_factory=list, max_length=500)
    next_appointment_id: Id | None = None
    values: Values = Field(default_factory=Values)
    sections: dict[SectionId, Section] = Field(default_factory=_default_sections)
    # Questions about the future stay closed until the person opens them.
    future_opt_in: bool = False
    sharing: dict[ShareId, bool] = Field(default_factory=_default_sharing)
    # The person's order of questions across all pages (the agenda); see edits.agenda.
    order: list[Id] = Field(default_factory=list, max_length=6 * MAX_ITEMS)
    # Own questions typed but not yet added, per section id: never silently dropped.
    drafts: dict[SectionId, Text] = Field(default_factory=dict)
    checkins: list[CheckIn] = Field(default_factory=list, max_length=MAX_CHECKINS)
    medicines: list[Medicine] = Field(default_factory=list, max_length=MAX_MEDICINES)
    care_team: list[TeamMember] = Field(default_factory=list, max_length=MAX_TEAM)

    @field_validator("care_team")
    @classmethod
    def _one_day_and_night(cls, team: list[TeamMember]) -> list[TeamMember]:
        # At most one day-and-night number: the first marked keeps it (nothing else is lost).
        marked = [m for m in team if m.day_and_night]
        for extra in marked[1:]:
            extra.day_and_night = False
        return team

    @field_validator("sharing")
    @classmethod
    def _every_share(cls, sharing: dict[ShareId, bool]) -> dict[ShareId, bool]:
        # A part the file does not mention takes its default (new parts stay private).
        return {**_default_sharing(), **sharing}

    @model_validator(mode="after")
    def _mirror_phone(self) -> Workbook:
        # TEMPORARY (see Profile.day_night_phone): runs on every validated assignment.
        phone = next((m.phone for m in self.care_team if m.day_and_night), "")
        self.profile._team_phone = phone
        return self

    @field_validator("sections")
    @classmethod
    def _every_section(cls, sections: dict[SectionId, Section]) -> dict[SectionId, Section]:
        # Pages read any section by id: a file that lacks one gets an empty one.
        return {sid: sections[sid] if sid in sections else Section() for sid in SECTION_IDS}

    def section(self, sid: SectionId) -> Section:
        if sid not in self.sections:
            self.sections[sid] = Section()
        return self.sections[sid]

    def next_appointment(self) -> Appointment | None:
        for appt in self.appointments:
            if appt.id == self.next_appointment_id:
                return appt
        return None

    def snapshot(self) -> Workbook:
        """A deep copy, for work on another thread (a PDF download)."""
        return self.model_copy(deep=True)
