#!/usr/bin/env bash
# The weekly workflow's one issue per label: opened or updated with REPORT when FOUND is
# true, closed when it is not. Used for the broken-links and review-due issues.
# Environment: LABEL, TITLE, COLOR, FOUND_BY (label description and body's last line),
# STILL (comment on an update), RESOLVED (comment on closing), FOUND, REPORT, RUN_URL;
# GH_TOKEN and GH_REPO for gh.
set -euo pipefail
number="$(gh issue list --state open --label "$LABEL" --limit 1 --json number --jq '.[0].number // empty')"
if [ "$FOUND" = true ]; then
  printf '%s\n\n%s: %s\n' "$REPORT" "$FOUND_BY" "$RUN_URL" > body.md
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file body.md
    gh issue comment "$number" --body "$STILL on $RUN_URL; the list above is up to date."
  else
    gh label create "$LABEL" --color "$COLOR" --description "$FOUND_BY" --force
    gh issue create --title "$TITLE" --label "$LABEL" --body-file body.md
  fi
elif [ -n "$number" ]; then
  gh issue close "$number" --comment "$RESOLVED on $RUN_URL."
fi
