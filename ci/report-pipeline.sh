#!/usr/bin/env bash
# The review pipeline for a pull/merge request, shared by .github/workflows/aterrapport.yml and
# ci/gitlab-ci.yml (and run as it is by tests/test_git_ci.py): for every report folder with a
# changed file since BASE, run `check`, `fmt --check` and `render` (the DOCX and, from the same
# run, the tagged PDF made by LibreOffice), and write a Markdown summary with the semantic diff of
# each report.
#
#   ci/report-pipeline.sh BASE [UTMAPP] [SAMMANFATTNING]
#
#   BASE            the target branch, e.g. origin/main; reports are compared from the commit
#                   where HEAD branched off it (git merge-base), as a pull request shows them
#   UTMAPP          where the documents go, per report UTMAPP/<mapp>.docx and UTMAPP/<mapp>.pdf
#                   (default: out)
#   SAMMANFATTNING  Markdown file to append the summary to (default: UTMAPP/sammanfattning.md);
#                   on GitHub pass "$GITHUB_STEP_SUMMARY"
#
# Environment: ATERRAPPORT, the command (default "aterrapport"; e.g. "python -m tui");
# RENDER_FLAGS, extra flags for render (e.g. "--draft").
# Exit code: 0 when every step passed for every changed report, 1 when one failed, 2 on bad use.
#
# Folder names come from the pull request and are data, never options or lines: paths are
# NUL-separated, passed after `--`, and shown with control characters replaced (a name with a
# newline cannot forge a log line, a table row or a `::group::` command). The command refuses
# a folder whose name starts with '-', so such a report fails here instead of printing help.
set -uo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "användning: ci/report-pipeline.sh BASE [UTMAPP] [SAMMANFATTNING]" >&2
  exit 2
fi
base_ref=$1
out=${2:-out}
summary=${3:-$out/sammanfattning.md}
read -r -a cli <<< "${ATERRAPPORT:-aterrapport}"
read -r -a render_flags <<< "${RENDER_FLAGS:-}"
mkdir -p "$out"
touch "$summary"

if ! base=$(git merge-base "$base_ref" HEAD); then
  echo "fel: hittar ingen gemensam version för $base_ref och HEAD (hämtas hela historiken? fetch-depth: 0 / GIT_DEPTH: 0)" >&2
  exit 2
fi

# A changed file belongs to the nearest folder upwards that holds rapport.yaml (in HEAD); files
# outside report folders and deleted reports are not reviewed here.
folders=()
while IFS= read -r -d '' path; do
  dir=$(dirname -- "$path")
  while :; do
    if [ -f "$dir/rapport.yaml" ]; then
      folders+=("$dir")
      break
    fi
    [ "$dir" = "." ] && break
    dir=$(dirname -- "$dir")
  done
done < <(git diff --name-only -z "$base" HEAD --)
if [ ${#folders[@]} -gt 0 ]; then
  mapfile -d '' -t folders < <(printf '%s\0' "${folders[@]}" | sort -zu)
fi

# A name as it may be shown: control characters (newline, escape) as '?', no Markdown table breaks.
shown() {
  local text=${1//[[:cntrl:]]/?}
  text=${text//|/\\|}
  printf '%s' "${text//\`/\'}"
}

section() { if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::group::$(shown "$1")"; else echo "== $(shown "$1")"; fi; }
endsection() { if [ -n "${GITHUB_ACTIONS:-}" ]; then echo "::endgroup::"; fi; }

{
  echo "## Återrapport: granskning"
  echo
} >> "$summary"
if [ ${#folders[@]} -eq 0 ]; then
  echo "Ingen rapport har ändrats sedan $base_ref." | tee -a "$summary"
  exit 0
fi

status=0
table="| rapport | check | fmt --check | render | pdf |"$'\n'"| --- | --- | --- | --- | --- |"
diffs=$(mktemp)
trap 'rm -f "$diffs"' EXIT
for dir in "${folders[@]}"; do
  name=${dir#./}
  [ "$name" = "." ] && name=$(basename -- "$(pwd)")
  name=${name//\//-}
  name=${name//[[:cntrl:]|\`]/_}
  docx="$out/$name.docx"
  pdf="$out/$name.pdf"
  check="✅"; fmt="✅"; render="✅ \`$name.docx\`"; pdfcell="✅ \`$name.pdf\`"

  section "check $dir"
  "${cli[@]}" check -- "$dir" || { check="❌"; status=1; }
  endsection
  section "fmt --check $dir"
  "${cli[@]}" fmt --check -- "$dir" || { fmt="❌"; status=1; }
  endsection
  section "render $dir"
  # One run writes both: the DOCX's table of contents then has the PDF's page numbers. Without
  # LibreOffice (or if it fails) the DOCX is still made, and the PDF column says so.
  if ! "${cli[@]}" render -o "$docx" -o "$pdf" "${render_flags[@]}" -- "$dir"; then
    pdfcell="❌"; status=1
    "${cli[@]}" render -o "$docx" "${render_flags[@]}" -- "$dir" || render="❌"
  fi
  endsection

  table+=$'\n'"| \`$(shown "$dir")\` | $check | $fmt | $render | $pdfcell |"
  if ! "${cli[@]}" diff --format markdown -- "$base_ref...HEAD" "$dir" >> "$diffs"; then
    echo "Diffen för \`$(shown "$dir")\` kunde inte skapas." >> "$diffs"
    status=1
  fi
  echo >> "$diffs"
done

{
  echo "$table"
  echo
  if [ $status -ne 0 ]; then
    echo "Något steg misslyckades: se jobbets logg (\`aterrapport check\` och \`aterrapport fmt\` lokalt visar detsamma)."
    echo
  fi
  cat "$diffs"
} >> "$summary"
exit $status
