# Sourced by the other scripts: repo root and PATH.
# node_modules/.bin comes first so that wasm-opt is binaryen from npm (pinned in
# package.json), never Debian's old `binaryen` package; cargo's bin dir holds
# wasm-bindgen.
YIBAO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export YIBAO_ROOT
export PATH="$YIBAO_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

die() { echo "error: $*" >&2; exit 1; }
note() { echo "$*" >&2; }

# Value of `wasm-bindgen = "=X.Y.Z"` in Cargo.toml: the CLI must match it exactly.
wasm_bindgen_version() {
  local v
  v="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=?([0-9][0-9.]*)".*/\2/p' "$YIBAO_ROOT/Cargo.toml" | head -n1)"
  [ -n "$v" ] || die "cannot find the wasm-bindgen version pin in Cargo.toml"
  printf '%s\n' "$v"
}

# The crate's version (Cargo.toml's [package] version): the release.
crate_version() {
  local v
  v="$(sed -nE '/^\[package\]/,/^\[/{s/^version[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p}' "$YIBAO_ROOT/Cargo.toml" | head -n1)"
  [ -n "$v" ] || die "cannot find the package version in Cargo.toml"
  printf '%s\n' "$v"
}

# The crate's library name (package name with - turned into _).
crate_lib_name() {
  local n
  n="$(sed -nE '/^\[package\]/,/^\[/{s/^name[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p}' "$YIBAO_ROOT/Cargo.toml" | head -n1)"
  [ -n "$n" ] || die "cannot find the package name in Cargo.toml"
  printf '%s\n' "${n//-/_}"
}

# The wasm-opt arguments of the web build, one a line: the `wasm-opt = [...]`
# list of [package.metadata.wasm-pack.profile.release] in Cargo.toml, which
# `wasm-pack build` reads too.
wasm_opt_flags() {
  local flags
  flags="$(sed -n '/^\[package\.metadata\.wasm-pack\.profile\.release\]/,/^\[/{/^wasm-opt[[:space:]]*=[[:space:]]*\[/,/\]/p}' "$YIBAO_ROOT/Cargo.toml" \
    | grep -oE '"[^"]+"' | tr -d '"')"
  [ -n "$flags" ] || die "cannot find wasm-opt = [...] under [package.metadata.wasm-pack.profile.release] in Cargo.toml"
  printf '%s\n' "$flags"
}
