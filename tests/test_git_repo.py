"""tui.core.gitrepo against the real git program, in repositories made in temp folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot_files
from git_helpers import (
    AUTHOR,
    AUTHOR_EMAIL,
    INNOVATION,
    INNOVATION_EDITED,
    KARTLAGGNING,
    MILJO,
    TILLGANGLIGHET,
    commit_all,
    git,
    init_repo,
    isolate_git,
    new_report,
)
from present import present

from tui.core.diff import proposed_message, section_history, working_diff
from tui.core.gitrepo import (
    CommitFailedError,
    GitError,
    GitRepo,
    IdentityMissingError,
    NotARepositoryError,
    NothingToCommitError,
    UnknownRevisionError,
)
from tui.core.problems import AterrapportError
from tui.core.report import Report
from tui.core.revisions import report_at
from tui.core.validation import check_report


@pytest.fixture(autouse=True)
def _git_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch, tmp_path / "home")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(init_repo(tmp_path / "repo"))


def test_find_and_init(tmp_path: Path) -> None:
    outside = tmp_path / "ingen-git"
    outside.mkdir()
    assert GitRepo.find(outside) is None
    with pytest.raises(NotARepositoryError, match="ligger inte i ett git-förråd"):
        GitRepo.open(outside)
    repo = GitRepo.init(outside, initial_branch="main")
    assert repo.root == outside.resolve()
    assert GitRepo.find(outside / "rapport" / "1.2.yaml") == repo  # need not exist yet
    assert repo.branch() == "main"
    assert not repo.has_commits()
    assert repo.log() == []


def test_status_shows_branch_and_only_the_folders_changes(repo: GitRepo) -> None:
    a, b = repo.root / "rapporter" / "a", repo.root / "rapporter" / "b"
    new_report(a)
    new_report(b)
    status = repo.status(a)
    assert status.branch == "main" and status.head is None and status.dirty
    assert {f.path.name for f in status.files} >= {"rapport.yaml", "1.2.yaml"}
    assert all(f.path.parent == a.resolve() for f in status.files)
    assert {f.label for f in status.files} == {"ny"}
    commit_all(repo.root, "två rapporter")
    assert not repo.has_changes(a) and not repo.has_changes(b)
    report = Report.load(b)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    assert not repo.has_changes(a)
    status = repo.status(b)
    assert status.dirty and [(f.path.name, f.label) for f in status.files] == [("1.2.yaml", "ändrad")]
    assert status.head == repo.version("HEAD").short_sha
    assert status.branch_label == "main"


def test_commit_folder_commits_only_that_folder(repo: GitRepo) -> None:
    mine, theirs = repo.root / "vastmanland-2019", repo.root / "annan-rapport"
    new_report(mine)
    new_report(theirs)
    (repo.root / "README.md").write_text("Regionens rapporter\n", encoding="utf-8")
    commit_all(repo.root, "start")
    # Someone else's work in progress: one staged, one unstaged change outside the folder.
    other = Report.load(theirs)
    other.set_text("1.3.1", "svar", TILLGANGLIGHET)
    other.save()
    git(repo.root, "add", str(theirs / "1.3.yaml"))
    (repo.root / "README.md").write_text("Regionens rapporter, ändrad\n", encoding="utf-8")

    report = Report.load(mine)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()
    (mine / "1.3.yaml").unlink()  # a deleted file is committed too
    message = proposed_message(working_diff(repo, mine))
    version = repo.commit_folder(mine, message)

    assert version.subject == message
    assert (version.author, version.email) == (AUTHOR, AUTHOR_EMAIL)
    changed = git(repo.root, "show", "--name-status", "--format=", "HEAD").stdout.split("\n")
    assert sorted(line for line in changed if line) == [
        "D\tvastmanland-2019/1.3.yaml", "M\tvastmanland-2019/1.2.yaml"]
    # The other writer's staged and unstaged changes are exactly as they were.
    assert git(repo.root, "diff", "--cached", "--name-only").stdout.split() == ["annan-rapport/1.3.yaml"]
    assert git(repo.root, "diff", "--name-only").stdout.split() == ["README.md"]
    assert not repo.has_changes(mine)


def test_commit_message_names_changed_sections(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    report = new_report(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.set_text("1.2.3", "svar", MILJO)
    report.save()
    first = repo.commit_folder(folder, proposed_message(working_diff(repo, folder)))
    assert first.subject.startswith("ny rapport vastmanland-2019")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION_EDITED)
    report.set_text("1.2.3", "svar", MILJO + " Här finns ett tydligt kopplat arbete gentemot sektorsstrategier.")
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()
    message = proposed_message(working_diff(repo, folder))
    assert message == "1.2.1, 1.2.3: uppdaterade svar; 1.2.1: ny insats"
    assert repo.commit_folder(folder, message).subject == message


def test_failing_hook_leaves_files_and_index_as_they_were(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    commit_all(repo.root, "start")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    git(repo.root, "add", str(folder / "1.2.yaml"))  # staged by hand earlier
    report.set_text("1.3.1", "svar", TILLGANGLIGHET)
    report.save()
    (folder / "bild.png").write_bytes(b"\x89PNG\r\n")  # untracked
    hook = repo.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'pre-commit: 1.3.yaml är inte kanonisk (kör aterrapport fmt)' >&2\nexit 1\n")
    hook.chmod(0o755)
    files = snapshot_files(folder)
    status = git(repo.root, "status", "--porcelain").stdout
    staged = git(repo.root, "diff", "--cached").stdout
    head = repo.version("HEAD")

    with pytest.raises(CommitFailedError) as caught:
        repo.commit_folder(folder, "1.2.1, 1.3.1: nya svar")

    assert "1.3.yaml är inte kanonisk" in caught.value.stderr
    assert caught.value.text.startswith("versionen kunde inte sparas\n")
    assert snapshot_files(folder) == files
    assert git(repo.root, "status", "--porcelain").stdout == status
    assert git(repo.root, "diff", "--cached").stdout == staged
    assert repo.version("HEAD") == head


def test_locked_index_shows_gits_message(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    files = snapshot_files(folder)
    (repo.root / ".git" / "index.lock").write_text("")
    with pytest.raises(GitError) as caught:
        repo.commit_folder(folder, "ny rapport")
    assert "index.lock" in caught.value.stderr
    assert snapshot_files(folder) == files
    assert not repo.has_commits()


def test_missing_identity_says_how_to_set_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_home = tmp_path / "tomt-hem"
    isolate_git(monkeypatch, empty_home, identity=False)
    repo = GitRepo(init_repo(tmp_path / "utan-namn"))
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    assert repo.identity() is None
    with pytest.raises(IdentityMissingError) as caught:
        repo.commit_folder(folder, "ny rapport")
    text = caught.value.text
    assert "git vet inte vem du är" in text
    assert 'git config --global user.name "' in text
    assert 'git config --global user.email "' in text
    assert not repo.has_commits()
    # Once set the way the message says, it works.
    git(repo.root, "config", "--global", "user.name", AUTHOR)
    git(repo.root, "config", "--global", "user.email", AUTHOR_EMAIL)
    assert (empty_home / ".gitconfig").exists()
    assert repo.commit_folder(folder, "ny rapport").author == AUTHOR


def test_nothing_to_commit_and_empty_message(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    with pytest.raises(GitError, match="skriv ett meddelande"):
        repo.commit_folder(folder, "  \n")
    repo.commit_folder(folder, "ny rapport")
    with pytest.raises(NothingToCommitError, match="inga ändringar i vastmanland-2019"):
        repo.commit_folder(folder, "igen")


def test_reading_a_report_at_a_revision(repo: GitRepo) -> None:
    folder = repo.root / "rapporter" / "vastmanland-2019"
    report = new_report(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    repo.commit_folder(folder, "första")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION_EDITED)
    report.save()
    repo.commit_folder(folder, "andra")

    assert present(report_at(repo, "HEAD~1", folder)).text("1.2.1") == INNOVATION
    assert present(report_at(repo, "HEAD", folder)).text("1.2.1") == INNOVATION_EDITED
    assert report_at(repo, "HEAD", repo.root / "rapporter" / "finns-inte") is None
    shown = repo.show("HEAD~1", folder / "1.2.yaml")
    assert shown is not None and "fortsatt under året" in shown.decode()
    assert repo.show("HEAD", folder / "saknas.yaml") is None
    old = report_at(repo, "HEAD~1", folder)
    assert old is not None and old.files["1.2"].path == folder / "1.2.yaml"
    before = snapshot_files(folder)
    with pytest.raises(AterrapportError, match="bara för läsning"):
        old.set_text("1.2.1", "svar", "skrivs aldrig")
    with pytest.raises(AterrapportError, match="läst ur versionen HEAD~1 och kan inte sparas"):
        old.save()
    assert snapshot_files(folder) == before
    with pytest.raises(UnknownRevisionError, match="okänd version «finns-inte»") as caught:
        report_at(repo, "finns-inte", folder)
    assert caught.value.stderr  # git's own words


def test_log_of_a_file(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    report = new_report(folder)
    repo.commit_folder(folder, "ny rapport")
    report = Report.load(folder)
    report.set_text("1.3.1", "svar", TILLGANGLIGHET)
    report.save()
    repo.commit_folder(folder, "1.3.1: nytt svar")
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    repo.commit_folder(folder, "1.2.1: nytt svar")

    versions = repo.log([folder / "1.2.yaml"])
    assert [v.subject for v in versions] == ["1.2.1: nytt svar", "ny rapport"]
    assert versions[0].author == AUTHOR and versions[0].date.tzinfo is not None
    history = repo.file_history(folder / "1.2.yaml")
    assert [h.version.subject for h in history] == ["1.2.1: nytt svar", "ny rapport"]
    assert history[-1].old_blob is None and history[0].old_blob == history[-1].new_blob


def test_section_history_lists_the_versions_that_changed_the_section(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    repo.commit_folder(folder, "ny rapport")
    steps = [
        ("1.2.1", INNOVATION, "1.2.1: nytt svar"),
        ("1.2.3", MILJO, "1.2.3: nytt svar"),  # same file, other section
        ("1.3.1", TILLGANGLIGHET, "1.3.1: nytt svar"),  # other file
        ("1.2.1", INNOVATION_EDITED, "1.2.1: uppdaterade svar"),
    ]
    for section_id, text, message in steps:
        report = Report.load(folder)
        report.set_text(section_id, "svar", text)
        report.save()
        repo.commit_folder(folder, message)
    report = Report.load(folder)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()
    repo.commit_folder(folder, "1.2.1: ny insats")

    history = section_history(repo, folder, "1.2.1")
    assert [h.version.subject for h in history] == [
        "1.2.1: ny insats", "1.2.1: uppdaterade svar", "1.2.1: nytt svar"]
    newest, edit, first = history
    assert newest.diff.tables[0].rows[0].kind == "added" and not newest.diff.fields
    words = [s for s in edit.diff.fields[0].spans if s.kind == "added"]
    assert [s.text.strip() for s in words] == ["och fördjupats"]
    assert first.diff.fields[0].added
    assert all(h.version.author == AUTHOR for h in history)
    assert section_history(repo, folder, "1.2.2") == []


def test_two_writers_on_different_sections_merge_without_conflict(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    repo.commit_folder(folder, "ny rapport")
    git(repo.root, "branch", "skribent-b")

    report = Report.load(folder)  # writer A: 1.2.1 Innovation, on main
    report.set_text("1.2.1", "svar", INNOVATION)
    report.add_row("1.2.1", "insatser", KARTLAGGNING)
    report.save()
    repo.commit_folder(folder, "1.2.1: nytt svar, ny insats")

    git(repo.root, "checkout", "--quiet", "skribent-b")  # writer B: 1.3.1 Tillgänglighet
    assert repo.branch() == "skribent-b"
    report = Report.load(folder)
    report.set_text("1.3.1", "svar", TILLGANGLIGHET)
    report.set_done("1.3.1", True)
    report.save()
    repo.commit_folder(folder, "1.3.1: nytt svar, markerat klart")

    git(repo.root, "checkout", "--quiet", "main")
    merge = git(repo.root, "merge", "--no-edit", "skribent-b", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    merged = Report.load(folder)
    assert merged.text("1.2.1") == INNOVATION
    assert merged.rows("1.2.1")[0]["namn"] == KARTLAGGNING["namn"]
    assert merged.text("1.3.1") == TILLGANGLIGHET and merged.is_done("1.3.1")
    assert not [p for p in check_report(merged) if p.is_error]
    assert not repo.has_changes(folder)


def test_conflict_is_shown_and_a_partial_commit_refused(repo: GitRepo) -> None:
    folder = repo.root / "vastmanland-2019"
    new_report(folder)
    repo.commit_folder(folder, "ny rapport")
    git(repo.root, "branch", "skribent-b")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION)
    report.save()
    repo.commit_folder(folder, "A")
    git(repo.root, "checkout", "--quiet", "skribent-b")
    report = Report.load(folder)
    report.set_text("1.2.1", "svar", INNOVATION_EDITED)
    report.save()
    repo.commit_folder(folder, "B")
    git(repo.root, "checkout", "--quiet", "main")
    assert git(repo.root, "merge", "skribent-b", check=False).returncode != 0

    status = repo.status(folder)
    assert status.conflicted
    assert [(f.path.name, f.label) for f in status.files] == [("1.2.yaml", "konflikt")]
    with pytest.raises(CommitFailedError, match="sammanslagning"):
        repo.commit_folder(folder, "löst")
