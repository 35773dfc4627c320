#!/usr/bin/env bash
# A new region is a new policy file and nothing else: copies the project to a
# temporary folder, adds policies/demo-2023.toml (baiyin-2023.toml under
# another id, region name and districts; a test fixture, not a notice), and
# checks that it builds and answers through the CLI, the WASM module and the
# page, and is listed by `yibao policies`. No file outside policies/ changes.
#
#   scripts/test-new-region.sh        (make test runs it; about 2-3 minutes
#                                      the first time, its builds are kept in
#                                      target/new-region/)
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$YIBAO_ROOT"

copy="$(mktemp -d "${TMPDIR:-/tmp}/yibao-new-region.XXXXXX")"
trap 'rm -rf "$copy"' EXIT
# The project as a clean clone has it (tracked files and new ones not ignored).
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy"
ln -s "$YIBAO_ROOT/node_modules" "$copy/node_modules"
mkdir -p "$YIBAO_ROOT/target/new-region"
ln -s "$YIBAO_ROOT/target/new-region" "$copy/target"

# The fixture: the Baiyin file under another id, name and districts.
sed -e 's/^id = "baiyin-2023"/id = "demo-2023"/' \
    -e 's/^region = "baiyin"/region = "demo"/' \
    -e 's/^region_name = "白银市"/region_name = "示例市（测试用）"/' \
    -e 's/"huining"/"east"/g; s/会宁县/东县/g' \
    -e 's/"jingyuan"/"west"/g; s/靖远县/西县/g' \
    -e 's/"baiyin"/"north"/g; s/白银区/北区/g' \
    -e 's/"pingchuan"/"south"/g; s/平川区/南区/g' \
    -e 's/"jingtai"/"centre"/g; s/景泰县/中县/g' \
    policies/baiyin-2023.toml >"$copy/policies/demo-2023.toml"
cp tests/cases/baiyin-2023.toml "$copy/tests/cases/demo-2023.toml"
grep -q 'region = "demo"' "$copy/policies/demo-2023.toml" || die "the fixture was not made"

cd "$copy"
for d in src crates www scripts build.rs Cargo.toml; do
  git diff --no-index --quiet "$YIBAO_ROOT/$d" "$copy/$d" || die "$d differs in the copy: only policies/ may change"
done

echo "new region: cargo build"
cargo build -q --bin yibao 2>"$copy/build.log" || { tail -40 "$copy/build.log"; die "cargo build failed"; }
bin="$copy/target/debug/yibao"
"$bin" policies | grep -q '"id": "demo-2023"' || die "yibao policies does not list demo-2023"
req='{"region":"demo","district":"east","birth_date":"1980-05-17","hukou":"local","identities":["dibao_full"]}'
out="$(echo "$req" | "$bin" quote)"
echo "$out" | grep -q '"to_pay": "100.00"' || die "the CLI does not answer for the new region: $out"
echo "$out" | grep -q '"region_name": "示例市（测试用）"' || die "the answer does not name the new region"
echo "new region: the CLI answers (350 − 250 = 100 to pay)"
hreq='{"region":"demo","district":"east","members":[{"relation":"self","birth_date":"1980-05-17","hukou":"local","identities":["dibao_full"]},{"relation":"child","birth_date":"2015-05-17","hukou":"local"}]}'
out="$(echo "$hreq" | "$bin" household)"
echo "$out" | grep -q '"to_pay": "450.00"' || die "the CLI does not answer a household in the new region: $out"
echo "new region: a household too (100 + 350 = 450 to pay)"

echo "new region: make web"
scripts/build-web.sh >"$copy/web.log" 2>&1 || { tail -40 "$copy/web.log"; die "make web failed"; }
node "$YIBAO_ROOT/scripts/new-region-check.mjs" "$copy/dist" "$req"
echo "new region: the WASM module and the page answer too; no file outside policies/ was changed"
