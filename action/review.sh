#!/usr/bin/env bash
# The pull-request review that action.yml runs (and docs/review.md shows for GitLab CI):
#   1. hitl check with SARIF output, for code scanning;
#   2. hitl diff against the pull request's base, its Markdown appended to the job summary and
#      its weakening changes annotated on the changed lines;
#   3. exit 1 on a weakening change not accepted (or on check errors), 2 on a usage error.
# Settings come from the environment:
#   HITL          the command that runs hitl (default: hitl)
#   HITL_BASE     the base revision (required; a commit the clone must hold)
#   HITL_HEAD     the revision under review (default: HEAD)
#   HITL_PATHS    what to check (default: .)
#   HITL_SARIF    where to write the SARIF report (default: hitl.sarif)
#   HITL_FAIL_ON_WEAKENING  false to report weakening changes without failing (default: true)
#   GITHUB_STEP_SUMMARY     the Markdown summary file (default: hitl-diff.md)
set -u

read -ra hitl <<< "${HITL:-hitl}"
base="${HITL_BASE:?HITL_BASE must name the base revision, such as origin/main}"
read -ra paths <<< "${HITL_PATHS:-.}"
head="${HITL_HEAD:-HEAD}"
sarif="${HITL_SARIF:-hitl.sarif}"
summary="${GITHUB_STEP_SUMMARY:-hitl-diff.md}"
annotate=""
if [ -n "${GITHUB_ACTIONS:-}" ]; then annotate=1; fi

"${hitl[@]}" check "${paths[@]}" --format sarif --output "$sarif"
check=$?

markdown="$(mktemp)"
trap 'rm -f "$markdown"' EXIT
"${hitl[@]}" diff "$base" "$head" --format markdown --output "$markdown"
diff=$?
if [ -s "$markdown" ]; then cat "$markdown" >> "$summary"; fi
if [ -n "$annotate" ]; then "${hitl[@]}" diff "$base" "$head" --format github; fi

if [ "$check" -eq 2 ] || [ "$diff" -eq 2 ]; then exit 2; fi
if [ "$diff" -eq 1 ] && [ "${HITL_FAIL_ON_WEAKENING:-true}" != "false" ]; then
    echo "hitl: this change weakens governance; raise the workflow's version and name its change approver, or undo it (see the job summary)" >&2
    exit 1
fi
if [ "$check" -eq 1 ]; then exit 1; fi
exit 0
