#!/bin/sh
# Copies Helm's own CLI goldens for `install` and `upgrade` into
# crates/rudder/tests/cli/golden/release/: the files of pkg/cmd/testdata/output that Helm's
# test suite compares real Helm's output with, and the charts those cases install
# (pkg/cmd/testdata/testcharts), from the helm/helm mirror at v4.2.3. Never edit the copies;
# rerun this script instead.
#
# Usage: scripts/helm_release_goldens.sh [HELM_GIT_DIR]   (default /work/.mirror/helm+helm/repo)
set -eu
HELM=${1:-/work/.mirror/helm+helm/repo}
TAG=v4.2.3
OUT=$(cd "$(dirname "$0")/.." && pwd)/crates/rudder/tests/cli/golden/release
rm -rf "$OUT"
mkdir -p "$OUT/output"
for case in install install-with-values install-with-multiple-values install-with-values-file \
    install-no-hooks install-with-multiple-values-files install-no-args install-with-timeout \
    install-with-wait install-with-wait-for-jobs install-name-template \
    install-dry-run-with-secret install-dry-run-with-secret-hidden install-hide-secret \
    upgrade upgrade-with-timeout upgrade-with-reset-values upgrade-with-reset-values2 \
    upgrade-and-take-ownership upgrade-with-install upgrade-with-install-timeout \
    upgrade-with-wait upgrade-with-wait-for-jobs upgrade-with-bad-or-missing-existing-release \
    upgrade-with-pending-install; do
    git -C "$HELM" show "$TAG:pkg/cmd/testdata/output/$case.txt" >"$OUT/output/$case.txt"
done
for chart in empty alpine chart-with-secret; do
    for f in $(git -C "$HELM" ls-tree -r --name-only "$TAG" "pkg/cmd/testdata/testcharts/$chart"); do
        dest="$OUT/testcharts/${f#pkg/cmd/testdata/testcharts/}"
        mkdir -p "$(dirname "$dest")"
        git -C "$HELM" show "$TAG:$f" >"$dest"
    done
done
echo "wrote $OUT"
