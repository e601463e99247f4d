"""The templates: complete, validated when loaded, broken files rejected clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from present import present

from tui.core.problems import AterrapportError
from tui.core.template import TableField, find_templates, load_template

ROOT = Path(__file__).resolve().parent.parent
T2019 = ROOT / "templates" / "aterrapportering-2019.yaml"

# The headings of the 2019 template, as they stand in Region Västmanland's report (seed 002).
OUTLINE_2019 = [
    "1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5",
    "1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4",
    "1.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4",
    "1.4", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7",
    "1.5", "1.5.1",
    "2", "3", "3.1", "3.2", "3.3", "3.4", "3.5",
    "4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "6",
]


def test_all_bundled_templates_load() -> None:
    templates = find_templates()
    assert {"aterrapportering-2019", "aterrapportering-2023", "aterrapportering-2024"} <= set(templates)
    for path in templates.values():
        template = load_template(path)
        assert template.answerable(), path


def test_2019_outline_and_titles() -> None:
    template = load_template(T2019)
    assert [s.id for s in template.walk()] == OUTLINE_2019
    assert template.parts[0].title == "Återrapportering 1 – Regionalt tillväxtarbete"
    assert present(template.section("1.2.1")).title == "Innovation"
    assert present(template.section("1.1.4")).title == (
        "Inomregionala skillnader – anslag 1:1 Regionala tillväxtåtgärder")
    assert "Kommentar" not in template.parts[0].comment
    assert template.parts[0].comment.startswith("Återrapportering 1 avser regionens regionala tillväxtarbete")
    assert present(template.section("1.1.1")).guidance.startswith(
        "Beskriv kortfattat hur arbetet med den regionala utvecklingsstrategin")


def test_2019_tables_limits_and_columns() -> None:
    template = load_template(T2019)
    limited = {s.id for s in template.answerable() for t in s.tables() if t.max_rows == 5}
    assert limited == {"1.2.1", "1.2.2", "1.2.3", "1.3.1", "1.3.2", "1.3.3", "1.5", "4.2", "4.3"}
    table = present(template.section("1.2.1")).field("insatser")
    assert isinstance(table, TableField)
    assert [c.key for c in table.columns] == ["namn", "bidrag_till_mal", "resultat"]
    assert table.columns[0].header == "Namn på insats och kort beskrivning"
    assert "Välj max 5 insatser" in table.prompt
    earlier = present(template.section("1.2.4")).field("insatser")
    assert isinstance(earlier, TableField)
    assert [c.key for c in earlier.columns] == ["namn", "resultat"] and earlier.max_rows is None
    analyses = present(template.section("5.1")).field("aktiviteter")
    assert isinstance(analyses, TableField) and len(analyses.columns) == 4
    assert present(analyses.column("anslag_1_1")).options == ("Ja", "Nej")
    open_table = present(template.section("1.4.3")).field("insatser")
    assert isinstance(open_table, TableField) and open_table.max_rows is None
    assert "lägg vid behov till fler rader" in open_table.prompt.lower()


def test_2019_yes_no_questions() -> None:
    template = load_template(T2019)
    for sid in ("1.1.4", "1.1.5"):
        choice = present(template.section(sid)).field("paverkat")
        assert choice is not None and choice.kind == "choice"
        assert choice.options == ("Ja", "Nej")


def _broken(tmp_path: Path, text: str) -> AterrapportError:
    path = tmp_path / "trasig.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AterrapportError) as info:
        load_template(path)
    return info.value


HEAD = "id: trasig\ntitle: Trasig\nyear: 2019\nparts:\n"


@pytest.mark.parametrize(("body", "expected", "line"), [
    ("  - id: '1'\n    title: A\n  - id: '1'\n    title: B\n", "avsnittet 1 förekommer flera gånger", 7),
    ("  - id: '1'\n    title: A\n    fields:\n      - key: svar\n        kind: essay\n",
     "okänd fälttyp «essay»", 8),
    ("  - id: '1'\n    title: A\n    fields:\n      - key: t\n        kind: table\n        max_rows: 0\n"
     "        columns:\n          - key: namn\n            header: Namn\n", "«max_rows» är för litet (minst 1)", 10),
    ("  - id: '1'\n    title: A\n    fields:\n      - key: t\n        kind: table\n        columns:\n"
     "          - key: namn\n            header: A\n          - key: namn\n            header: B\n",
     "kolumnnyckeln namn förekommer flera gånger", 11),
    ("  - id: '1'\n    title: A\n    sections:\n      - id: '2.1'\n        title: B\n",
     "underavsnittet 2.1 passar inte under 1", 5),
    ("  - id: '1'\n    title: A\n    fields:\n      - key: Svar\n        kind: text\n",
     "ogiltigt värde «Svar»", 8),
    ("  - id: '1'\n    title: A\n    fields:\n      - key: c\n        kind: choice\n        options: [Ja]\n",
     "fel antal", 10),
])
def test_broken_template_is_rejected_with_line(tmp_path: Path, body: str, expected: str, line: int) -> None:
    error = _broken(tmp_path, HEAD + body)
    problem = error.problems[0]
    assert expected in problem.message
    assert problem.file.name == "trasig.yaml"
    assert problem.line == line


def test_template_id_must_match_file_name(tmp_path: Path) -> None:
    error = _broken(tmp_path, "id: annan\ntitle: X\nyear: 2019\nparts:\n  - id: '1'\n    title: A\n")
    assert "samma som filnamnet" in error.problems[0].message


def test_malformed_template_yaml(tmp_path: Path) -> None:
    error = _broken(tmp_path, HEAD + "  - id: '1'\n    title: [A\n")
    assert error.problems[0].line >= 5


def test_template_cache_follows_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cachad.yaml"
    body = "id: cachad\ntitle: {title}\nyear: 2019\nparts:\n  - id: '1'\n    title: A\n    fields:\n" \
           "      - key: svar\n        kind: text\n"
    path.write_text(body.format(title="Första"), encoding="utf-8")
    assert load_template(path).title == "Första"
    path.write_text(body.format(title="Andra versionen"), encoding="utf-8")
    assert load_template(path).title == "Andra versionen"
    from tui.core.statedir import state_dir

    for cache in (state_dir() / "mallcache").glob("cachad-*.json"):
        cache.write_text("{trasig", encoding="utf-8")
    from tui.core.template import _load_template_cached

    _load_template_cached.cache_clear()
    assert load_template(path).title == "Andra versionen"


def test_a_template_from_its_validated_copy_has_the_content_of_the_file() -> None:
    """The content JSON (which keys the stores of accepted answers) of a template built from its
    validated copy is the copy's text: it equals the JSON of the template read from its file."""
    from tui.core.template import _from_json_cache, _parse_template, content_json

    for path in find_templates().values():
        load_template(path)  # writes the validated copy when there is none
        cached = _from_json_cache(path.resolve())
        assert cached is not None and cached._content is not None  # taken from the copy, not made
        fresh = _parse_template(path)
        assert fresh._content is None
        assert content_json(cached) == content_json(fresh) and cached == fresh


def test_templates_are_found_as_glob_finds_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.template_files import TEMPLATE_ENV, template_dirs

    for name in ("b.yaml", "a.yaml", ".yaml", "c.yml", "d.yaml.bak", "e.YAML"):
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    monkeypatch.setenv(TEMPLATE_ENV, str(tmp_path))
    expected: dict[str, Path] = {}
    for folder in template_dirs():
        for path in sorted(folder.glob("*.yaml")):
            expected.setdefault(path.stem, path)
    assert find_templates() == expected and list(find_templates()) == list(expected)
    assert {"a", "b", ".yaml"} <= set(expected)


def test_pydantics_versions_are_read_as_glob_finds_them() -> None:
    import importlib.util

    from tui.core.pydantic_meta import pydantic_versions

    names = []
    for package in ("pydantic", "pydantic_core"):
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        names += sorted(p.name for p in Path(spec.origin).parent.parent.glob(f"{package}-*.dist-info"))
    assert pydantic_versions() == " ".join(names) and len(names) >= 2
