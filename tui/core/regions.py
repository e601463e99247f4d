"""The 21 regions that report, named as they name themselves."""

from __future__ import annotations

REGIONS: tuple[str, ...] = (
    "Region Stockholm",
    "Region Uppsala",
    "Region Sörmland",
    "Region Östergötland",
    "Region Jönköpings län",
    "Region Kronoberg",
    "Region Kalmar län",
    "Region Gotland",
    "Region Blekinge",
    "Region Skåne",
    "Region Halland",
    "Västra Götalandsregionen",
    "Region Värmland",
    "Region Örebro län",
    "Region Västmanland",
    "Region Dalarna",
    "Region Gävleborg",
    "Region Västernorrland",
    "Region Jämtland Härjedalen",
    "Region Västerbotten",
    "Region Norrbotten",
)


def match_region(name: str) -> str | None:
    """The official name for ``name`` (case-insensitive, "Region " optional), or None."""
    wanted = " ".join(name.split()).casefold()
    for region in REGIONS:
        folded = region.casefold()
        if wanted in (folded, folded.removeprefix("region ")):
            return region
    return None
