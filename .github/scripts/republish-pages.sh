#!/usr/bin/env bash
# Republishes the pricing pages when the calendar has moved past a scheduled version: the
# pages show the prices in force at an instant, so on the day a version comes into force they
# change with no change to the rules. Regenerates docs/pricing.md and docs/pricing.html at AT
# (default now) and says whether they changed; the pricing-pages workflow opens a pull request
# with them, and the tests run it at a later instant.
#
# Environment:
#   AT        the instant to publish for (default: now)
#   PRICING   how to run the CLI (default: npx pricing)
set -euo pipefail

read -r -a pricing <<< "${PRICING:-npx pricing}"
at=()
if [ -n "${AT:-}" ]; then at=(--at "$AT"); fi

"${pricing[@]}" docs --rules rules "${at[@]}"
"${pricing[@]}" docs --rules rules --format html "${at[@]}"
if git diff --quiet -- docs/pricing.md docs/pricing.html; then
  echo "The pricing pages are current."
else
  echo "The pricing pages changed: a scheduled version came into force."
fi
