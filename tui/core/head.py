"""The report's head file, ``rapport.yaml``: template, region, year, case numbers, signature.

Frozen dataclasses that pydantic validates (see :mod:`tui.core.pydantic_meta`); a head accepted
before is taken from the store of accepted heads (:mod:`tui.core.accepted_head`) without pydantic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from tui.core.folder import HEAD_FILE  # noqa: F401  (re-exported)
from tui.core.pydantic_meta import Pydantic
from tui.core.regions import REGIONS, match_region
from tui.core.text import normalize_text

if TYPE_CHECKING:
    from pydantic import TypeAdapter

# Every value in rapport.yaml is text (see yamlio); a year and a date are text of one shape.
# The same patterns validate (``check``) and go into the JSON Schema (editors), so the two agree.
YEAR_PATTERN = r"^(20[0-9][0-9]|2100)$"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _year(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

    if isinstance(value, str) and re.match(r"^[0-9]{4}$", value):
        if not re.match(YEAR_PATTERN, value):
            raise PydanticCustomError("less_than_equal", "utanför 2000–2100")
        return int(value)
    raise PydanticCustomError("int_parsing", "inget årtal")


def _date(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

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


def _known_region(value: str) -> str:
    region = match_region(value)
    if region is None:
        raise ValueError(f"okänd region «{value}»; skriv regionens namn, t.ex. Region Västmanland")
    return region


Year = Annotated[int, Pydantic(lambda p: (p.BeforeValidator(_year), p.WithJsonSchema({
    "type": "string", "pattern": YEAR_PATTERN, "examples": ["2019"]})))]
OptionalDate = Annotated[dt.date | None, Pydantic(lambda p: (p.BeforeValidator(_date), p.WithJsonSchema({
    "type": ["string", "null"], "anyOf": [{"const": ""}, {"format": "date", "pattern": DATE_PATTERN}]})))]
Text = Annotated[str, Pydantic(lambda p: p.BeforeValidator(_text))]
Region = Annotated[str, Pydantic(lambda p: p.AfterValidator(_known_region))]


def _about(title: str, description: str | None = None, **more: Any) -> dict[str, Any]:
    """A field's words in the JSON Schema (editors show them), as pydantic reads them."""
    return {"title": title, **({"description": description} if description else {}), **more}


@dataclass(frozen=True, kw_only=True)
class Signature:
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "title": "Underskrift"}

    ort: Text = field(default="", metadata=_about("Ort", "Orten där rapporten skrivs under, t.ex. Västerås."))
    datum: OptionalDate = field(default=None, metadata=_about("Datum", "Datum för underskriften (ÅÅÅÅ-MM-DD)."))
    namn: Text = field(default="", metadata=_about("Namn", "Den som skriver under."))
    titel: Text = field(default="", metadata=_about("Titel", "Till exempel Förvaltningsdirektör."))
    enhet: Text = field(default="", metadata=_about(
        "Enhet", "Förvaltning eller enhet, t.ex. Regionala utvecklingsförvaltningen."))


@dataclass(frozen=True, kw_only=True)
class ReportHead:
    """What ``rapport.yaml`` holds. Keys are Swedish: reviewers read them."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "title": "rapport.yaml"}

    mall: str = field(metadata=_about("Mall", "Mallens id, t.ex. aterrapportering-2019 (se `aterrapport mallar`)."))
    region: Region = field(metadata=_about("Region", "Regionens namn som regionen själv skriver det.",
                                           json_schema_extra={"enum": list(REGIONS)}))
    ar: Year = field(metadata=_about("År", "Året som rapporteras, t.ex. 2019 (text: skrivs '2019')."))
    datum: OptionalDate = field(default=None, metadata=_about("Datum", "Rapportens datum (ÅÅÅÅ-MM-DD)."))
    diarienr: Text = field(default="", metadata=_about("Diarienr", "Regionens diarienummer."))
    ert_diarienr: Text = field(default="", metadata=_about("Ert diarienr", "Departementets diarienummer."))
    kontakt: list[Text] = field(default_factory=list, metadata=_about(
        "Kontakt", "Kontaktrader, t.ex. namn, e-post och telefon."))
    forord: Text = field(default="", metadata=_about("Förord", "Regionens eget förord (Markdown)."))
    underskrift: Signature | None = field(default=None, metadata=_about("Underskrift"))


@functools.cache
def _adapter() -> TypeAdapter[ReportHead]:
    from pydantic import TypeAdapter

    return TypeAdapter(ReportHead)


def validate_head(data: Any) -> ReportHead:
    """``data`` (plain, as read) as a head; raises pydantic's ValidationError."""
    return _adapter().validate_python(data)


def json_schema() -> dict[str, Any]:
    return _adapter().json_schema()


def titles(cls: type[ReportHead | Signature]) -> dict[str, str]:
    """Each key's title (what the reader calls it), in the file's order."""
    return {f.name: f.metadata.get("title") or f.name for f in dataclasses.fields(cls)}


HEAD_ORDER = list(titles(ReportHead))
SIGNATURE_ORDER = list(titles(Signature))


def head_data(head: ReportHead) -> dict[str, Any]:
    """``head`` as JSON data (dates as ÅÅÅÅ-MM-DD), for the store of accepted heads."""
    data = dataclasses.asdict(head)
    for values in (data, data["underskrift"] or {}):
        if values.get("datum") is not None:
            values["datum"] = values["datum"].isoformat()
    return data


def head_from_data(data: dict[str, Any]) -> ReportHead:
    """The head ``head_data`` gave, built again without validating. Raises KeyError, TypeError
    or ValueError on data of another shape."""
    def date(value: Any) -> dt.date | None:
        return None if value is None else dt.date.fromisoformat(value)

    signature = data["underskrift"]
    return ReportHead(**{
        **data, "datum": date(data["datum"]), "kontakt": list(data["kontakt"]),
        "underskrift": None if signature is None else Signature(**{**signature, "datum": date(signature["datum"])})})
