"""Who is signed in: the OIDC issuer and subject, the only identity clinic mode trusts.

Pure Python (no streamlit import) so it is tested without a server. The name and email
are shown to the person and to those she shares with; they are never used to decide
access (a provider may let a person change them).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_ID = 255  # OIDC: sub is at most 255 ASCII characters; an issuer URL is short too
MAX_NAME = 200


class Identity(BaseModel):
    """A signed-in person: (issuer, subject) names her; name and email are for display."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True)

    issuer: str = Field(min_length=1, max_length=MAX_ID)
    subject: str = Field(min_length=1, max_length=MAX_ID)
    name: str = Field(default="", max_length=MAX_NAME)
    email: str = Field(default="", max_length=MAX_NAME)

    @property
    def shown_name(self) -> str:
        """What the screen calls her: her name, else her email, else nothing."""
        return self.name.strip() or self.email.strip()


def _text(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def from_claims(claims: Mapping[str, object]) -> Identity | None:
    """The identity in an ID token's claims (st.user), or None when iss or sub is unusable."""
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not isinstance(issuer, str) or not isinstance(subject, str):
        return None
    try:
        return Identity(
            issuer=issuer,
            subject=subject,
            name=_text(claims.get("name"), MAX_NAME),
            email=_text(claims.get("email"), MAX_NAME),
        )
    except ValidationError:
        return None
