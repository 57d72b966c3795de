#!/usr/bin/env bash
# A weekly check's findings as its step outputs, for the issue jobs: FLAG=true and
# `report`, the Markdown files the check wrote (also added to the run summary), or
# FLAG=false when it wrote none. Usage: report-outputs.sh FLAG FILE...
set -euo pipefail
flag="$1"
shift
written=()
for file in "$@"; do
  if [ -f "$file" ]; then written+=("$file"); fi
done
if [ "${#written[@]}" -gt 0 ]; then
  delimiter="report-$(date +%s%N)"
  {
    echo "$flag=true"
    echo "report<<$delimiter"
    cat "${written[@]}"
    echo "$delimiter"
  } >> "$GITHUB_OUTPUT"
  cat "${written[@]}" >> "$GITHUB_STEP_SUMMARY"
else
  echo "$flag=false" >> "$GITHUB_OUTPUT"
fi
