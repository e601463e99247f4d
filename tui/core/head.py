"""The report's head file, ``rapport.yaml``: template, region, year, case numbers, signature."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from tui.core.folder import HEAD_FILE  # noqa: F401  (re-exported)
from tui.core.regions import REGIONS, match_region
from tui.core.text import normalize_text


def _empty_to_none(value: Any) -> Any:
    return None if value == "" else value


def _text(value: Any) -> Any:
    return normalize_text(value) if isinstance(value, str) else value


OptionalDate = Annotated[dt.date | None, BeforeValidator(_empty_to_none)]
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
    ar: Annotated[int, Field(ge=2000, le=2100)] = Field(title="År", description="Året som rapporteras.")
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
