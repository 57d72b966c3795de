#!/usr/bin/env bash
# A pull request's references, online. The entries it adds or changes in references.bib
# are checked against their registries (`make check-dois`): each finding is an annotation
# at its line and a row of the run summary, and fails the step; a registry that cannot be
# reached is a warning and fails nothing. The DOIs its pages cite with no entry get their
# entries fetched and shown, ready to paste, in the run summary and at each citation's
# line (`make add-references PRINT=1`, which writes nothing; the build names them too).
# Usage: BASE_SHA=<the pull request's base commit> check-references.sh
set -euo pipefail
log="${RUNNER_TEMP:-/tmp}/references.log"
: > "$log"
status=0
echo "::add-matcher::.github/problem-matcher.json"
if git diff --quiet "$BASE_SHA" HEAD -- references.bib; then
  echo "references.bib is unchanged: no entry to check"
else
  make check-dois CHANGED_SINCE="$BASE_SHA" 2>&1 | tee -a "$log" || status=1
fi
make add-references PRINT=1 SUMMARY="$GITHUB_STEP_SUMMARY" || echo "Some cited DOIs got no entry: see the lines above"
python3 tools/problem_summary.py "$log" >> "$GITHUB_STEP_SUMMARY"
exit "$status"
