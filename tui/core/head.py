"""The report's head file, ``rapport.yaml``: template, region, year, case numbers, signature."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from tui.core.folder import HEAD_FILE  # noqa: F401  (re-exported)
from tui.core.regions import REGIONS, match_region
from tui.core.text import normalize_text

# Every value in rapport.yaml is text (see yamlio); a year and a date are text of one shape.
# The same patterns validate (``check``) and go into the JSON Schema (editors), so the two agree.
YEAR_PATTERN = r"^(20[0-9][0-9]|2100)$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _year(value: Any) -> Any:
    if isinstance(value, str) and re.match(r"^[0-9]{4}$", value):
        if not re.match(YEAR_PATTERN, value):
            raise PydanticCustomError("less_than_equal", "utanför 2000–2100")
        return int(value)
    raise PydanticCustomError("int_parsing", "inget årtal")


def _date(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(DATE_PATTERN, value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "inget datum")


def _text(value: Any) -> Any:
    return normalize_text(value) if isinstance(value, str) else value


Year = Annotated[int, BeforeValidator(_year), WithJsonSchema({
    "type": "string", "pattern": YEAR_PATTERN, "examples": ["2019"]})]
OptionalDate = Annotated[dt.date | None, BeforeValidator(_date), WithJsonSchema({
    "type": ["string", "null"], "anyOf": [{"const": ""}, {"format": "date", "pattern": DATE_PATTERN}]})]
Text = Annotated[str, BeforeValidator(_text)]


class Signature(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Underskrift")

    ort: Text = Field("", title="Ort", description="Orten där rapporten skrivs under, t.ex. Västerås.")
    datum: OptionalDate = Field(None, title="Datum", description="Datum för underskriften (ÅÅÅÅ-MM-DD).")
    namn: Text = Field("", title="Namn", description="Den som skriver under.")
    titel: Text = Field("", title="Titel", description="Till exempel Förvaltningsdirektör.")
    enhet: Text = Field("", title="Enhet",
                        description="Förvaltning eller enhet, t.ex. Regionala utvecklingsförvaltningen.")


class ReportHead(BaseModel):
    """What ``rapport.yaml`` holds. Keys are Swedish: reviewers read them."""

    model_config = ConfigDict(extra="forbid", title="rapport.yaml")

    mall: str = Field(title="Mall", description="Mallens id, t.ex. aterrapportering-2019 (se `aterrapport mallar`).")
    region: str = Field(title="Region", description="Regionens namn som regionen själv skriver det.",
                        json_schema_extra={"enum": list(REGIONS)})
    ar: Year = Field(title="År", description="Året som rapporteras, t.ex. 2019 (text: skrivs '2019').")
    datum: OptionalDate = Field(None, title="Datum", description="Rapportens datum (ÅÅÅÅ-MM-DD).")
    diarienr: Text = Field("", title="Diarienr", description="Regionens diarienummer.")
    ert_diarienr: Text = Field("", title="Ert diarienr", description="Departementets diarienummer.")
    kontakt: list[Text] = Field(default_factory=list, title="Kontakt",
                                description="Kontaktrader, t.ex. namn, e-post och telefon.")
    forord: Text = Field("", title="Förord", description="Regionens eget förord (Markdown).")
    underskrift: Signature | None = Field(None, title="Underskrift")

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        region = match_region(value)
        if region is None:
            raise ValueError(f"okänd region «{value}»; skriv regionens namn, t.ex. Region Västmanland")
        return region


HEAD_ORDER = list(ReportHead.model_fields)
SIGNATURE_ORDER = list(Signature.model_fields)
