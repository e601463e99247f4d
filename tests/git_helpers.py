"""Helpers for the git tests: an isolated git environment, real repositories in temp folders,
and reports built with the Report API from real text (Region Västmanland's 2019 report)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tui.core.report import Report
from tui.core.scaffold import create_report
from tui.core.template import get_template

AUTHOR = "Anna Skribent"
AUTHOR_EMAIL = "anna.skribent@regionvastmanland.se"

# Sentences from Region Västmanland's återrapportering 2019 (section 1.2.1 Innovation etc.).
INNOVATION = (
    "Höjd innovationskraft och koppling till forskning är ett av insatsområdena i "
    "näringslivsstrategin Affärsplan Västmanland. Syftet är att utveckla en stark innovations- "
    "och entreprenörskapsmiljö dels ett mångfacetterat näringsliv med tillväxtföretag och "
    "företag med stark konkurrenskraft.\n\n"
    "Samverkan kring riskvillig finansiering har fortsatt under året. Sedan tidigare har Almi, "
    "Forskning-och utvecklingsrådet samt Region Västmanland arbetat fram en gemensam process för "
    "kunder som söker innovationsfinansiering.")
INNOVATION_EDITED = INNOVATION.replace(
    "Samverkan kring riskvillig finansiering har fortsatt under året.",
    "Samverkan kring riskvillig finansiering har fortsatt och fördjupats under året.")
MILJO = (
    "Under året har flera satsningar med koppling mot viktiga miljöutmaningar fortsatt "
    "utvecklats eller initierats. Inom energiområdet har en utveckling skett kopplat till det "
    "som idag benämns NRGY HUB, det vill säga, ett interregionalt samarbete med fokus på smart "
    "grids och hållbar stadsutveckling och hållbart byggande.")
TILLGANGLIGHET = (
    "Tillgänglighet skapar förutsättningar för allt i vårt samhälle från bostadsbyggande, "
    "utbildning, sysselsättning och integration till näringslivet behov för "
    "kompetensförsörjning och godstransporter.")
UTMANINGAR = (
    "Västmanlands regionala utvecklingsprogram, RUP innehåller sex insatsområden som alla ska "
    "verka för att nå det övergripande målet, \"En hållbar tillväxt och utveckling inom "
    "Västmanland\".")

KARTLAGGNING = {
    "namn": "Kartläggning av riskvillig finansiering",
    "bidrag_till_mal": "Insatsen kopplar till mål: Utveckla och attrahera tillväxtföretag – öka "
                       "konkurrenskraften för SMF, (små och medelstora företag). Direkt kopplat till "
                       "indikatorn: ökad andel riskkapital i länet",
    "resultat": "Prestation: En utökad kunskap om länets riskvilliga finansiering finns. En "
                "actionplan finns och insatser initierade.\n\nPå lång sikt: fler "
                "innovationsföretag, särskilt kvinnoledda, har tillgång till riskvillig finansiering.",
}
ECS_ISR = {
    "namn": "ECS-ISR, Nyps: 209206",
    "bidrag_till_mal": "Insatsen kopplar till mål: Arbeta med utmaningsdriven utveckling och "
                       "utveckling av styrkeområden.",
    "resultat": "Effekter på kort och längre sikt: Initierat fyra förstudier inom identifierade "
                "utmaningsområden, varav tre kopplat mot Västmanlands styrkeområden.",
}
VAXTZON = {
    "namn": "Växtzon 2 – insatser på strukturnivå\nNyps: 209579",
    "bidrag_till_mal": "Insatsen kopplar till mål: utveckla och attrahera tillväxtföretag – öka "
                       "konkurrensen kraften för SMF.",
    "resultat": "Prestation: 70 av 240 företag har fått utvecklingshjälp.",
}
SYNERLEAP = {
    "namn": "Synerleap powered by ABB\nNyps:203985",
    "bidrag_till_mal": "Insatsen kopplar till mål: Arbeta med utmaningsdriven utveckling – Utveckla "
                       "automation, energi, järnväg samt välfärd och hälsa till nationella styrkeområden.",
    "resultat": "Ett 70-tal arbetsplatser mitt i ABB:s forskningscenter i Västerås.",
}


def isolate_git(monkeypatch: pytest.MonkeyPatch, home: Path, *, identity: bool = True) -> None:
    """No global or system git configuration (CI machines have none either); the identity,
    when wanted, comes from the environment only."""
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
                 "EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.delenv(name, raising=False)
    people = {"GIT_AUTHOR_NAME": AUTHOR, "GIT_AUTHOR_EMAIL": AUTHOR_EMAIL,
              "GIT_COMMITTER_NAME": AUTHOR, "GIT_COMMITTER_EMAIL": AUTHOR_EMAIL}
    for name, value in people.items():
        if identity:
            monkeypatch.setenv(name, value)
        else:
            monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    return path


def new_report(folder: Path, *, template: str = "aterrapportering-2019") -> Report:
    create_report(folder, get_template(template), "Region Västmanland", 2019)
    return Report.load(folder)


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)
