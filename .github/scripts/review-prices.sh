#!/usr/bin/env bash
# The price review of the pricing workflow, in one script that the tests run too: validates the
# rules, lints them against the base (warnings fail), and diffs them against it with the
# guardrails on, writing the Markdown to price-diff.md. The diff runs even when the lint fails,
# so that reviewers see every price that moves; the script fails if either does.
#
# Environment:
#   EVENT               pull_request or push
#   PR_BASE_SHA         the tip of the pull request's base branch (pull_request)
#   PUSH_BEFORE         the commit main pointed to before the push (push)
#   LABELS              the pull request's labels, comma-separated; pricing:large-change lifts the
#                       size limits and lets lint warnings pass, for a change reviewed as large
#   MAX_CHANGE          the largest move of one price in percent, in force or scheduled (default 50)
#   MAX_REVENUE_CHANGE  the largest move of the usage sample's revenue in percent (default 10)
#   USAGE_SAMPLE        the usage sample to replay, when the repository holds one
#   PRICING             how to run the CLI (default: npx pricing)
set -euo pipefail

read -r -a pricing <<< "${PRICING:-npx pricing}"

# The base is a commit id, read from git: a folder named like it is never read in its place.
if [ "${EVENT:-}" = pull_request ]; then
  base="$(git merge-base "$PR_BASE_SHA" HEAD)"
elif [ -n "${PUSH_BEFORE:-}" ] && [ "$PUSH_BEFORE" != 0000000000000000000000000000000000000000 ]; then
  base="$PUSH_BEFORE"
else
  base="$(git rev-parse HEAD^)"
fi

large=false
case ",${LABELS:-}," in
  *,pricing:large-change,*) large=true ;;
esac

"${pricing[@]}" validate --rules rules

strict=(--strict)
limits=(--max-change "${MAX_CHANGE:-50}")
usage=()
if [ -n "${USAGE_SAMPLE:-}" ] && [ -f "$USAGE_SAMPLE" ]; then
  usage=(--usage "$USAGE_SAMPLE")
  limits+=(--max-revenue-change "${MAX_REVENUE_CHANGE:-10}")
fi
if [ "$large" = true ]; then
  echo "pricing:large-change: lint warnings and the size limits do not fail this change"
  strict=()
  limits=()
fi

set +e
"${pricing[@]}" lint --rules rules "${strict[@]}" --base "$base"
lint_status=$?
"${pricing[@]}" diff "$base" HEAD --markdown "${usage[@]}" "${limits[@]}" > price-diff.md
diff_status=$?
set -e
if [ "$lint_status" -ne 0 ]; then exit "$lint_status"; fi
exit "$diff_status"
