#!/usr/bin/env bash
# Remakes the report screenshots the README shows, from the bundled example corpus.
# Needs Debian's chromium (apt-get install chromium). Run from the repository's root.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
swift run -c release claimtrace analyze examples/corpus --db "$scratch/example.sqlite" --report "$scratch/report.html"
shoot() {  # shoot OUTPUT.png URL-FRAGMENT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$scratch/profile" \
    --virtual-time-budget=2000 --window-size=1200,1500 --screenshot="$1" "file://$scratch/report.html$2" 2>/dev/null
}
shoot docs/images/report-overview.png ""
# A document's own view: the report shows only the document a link points to.
shoot docs/images/report-text.png "#doc-4"
# A claim's own view: its root sources, its provenance graph and its mentions in context. The
# first claim of the table, the most widely told.
claim=$(grep -o 'id="claim-C[0-9a-f]*"' "$scratch/report.html" | head -1 | sed 's/^id="//; s/"$//')
shoot docs/images/report-claim.png "#$claim"
