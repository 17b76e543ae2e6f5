#!/usr/bin/env bash
# Set up everything voice-guide needs (Debian/Ubuntu packages, a virtualenv), then:
#   ./run.sh [SCRIPT] [OPTIONS]   walk through a guide (default: the bundled English guide);
#                                 the first run also fetches the English Whisper model if it can
#   ./run.sh test                 run the whole test suite: ruff, mypy, pytest
# Idempotent: a second run only checks that everything is in place.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  python3-venv python3-dev gcc          # the virtualenv and PyAudio's C extension
  espeak-ng libespeak-ng1               # the pyttsx3 voice on Linux
  portaudio19-dev libasound2-plugins    # microphone/speaker access through PortAudio and ALSA
  alsa-utils pulseaudio pulseaudio-utils sox  # audio devices (tests use PulseAudio null sinks)
)
VENV=.venv

log() { printf '[run.sh] %s\n' "$*" >&2; }

missing_apt_packages() {
  local pkg missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

ensure_apt() {
  command -v dpkg-query >/dev/null || { log "not a Debian/Ubuntu system: install ${APT_PACKAGES[*]} yourself"; return; }
  local missing
  missing=$(missing_apt_packages)
  [ -z "$missing" ] && return
  if [ "$(id -u)" -eq 0 ]; then
    log "installing system packages: $missing"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  elif sudo -n true 2>/dev/null; then
    log "installing system packages with sudo: $missing"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    log "missing system packages; run this once, then run me again:"
    log "  sudo apt-get install -y $missing"
    exit 1
  fi
}

find_python() {
  local py
  for py in python3 python3.13 python3.12 python3.11; do
    if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$py"; return
    fi
  done
  log "voice-guide needs Python 3.11 or newer"; exit 1
}

ensure_venv() {
  local extras=$1 stamp="$VENV/.installed-$1"
  [ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$(find_python)" -m venv "$VENV"; }
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing Python packages ($extras)"
    local out="$VENV/pip-install.log"
    if "$VENV/bin/python" -m pip install --upgrade pip >"$out" 2>&1 \
        && "$VENV/bin/python" -m pip install -e ".[$extras]" >>"$out" 2>&1; then
      touch "$stamp"
    else
      tail -n 30 "$out" >&2; log "pip install failed; full log in $out"; exit 1
    fi
  fi
}

WHISPER_DEFAULT=whisper-tiny.en         # the English model --stt auto prefers (about 74 MiB)

have_whisper_model() {
  "$VENV/bin/python" - <<'PY'
import sys
from voice.speech_in.catalogue import model_roots
from voice.speech_in.whisper_models import find_whisper_model
sys.exit(find_whisper_model("en", None, {}, model_roots()) is None)
PY
}

ensure_whisper_model() {
  # Fetched once when the network allows; without it pocketsphinx listens (one line, no wait).
  have_whisper_model && return
  if ! "$VENV/bin/python" -c 'import socket; socket.create_connection(("huggingface.co", 443), 5)' \
      2>/dev/null; then
    log "no network to fetch the Whisper model ($WHISPER_DEFAULT): pocketsphinx listens instead"
    return
  fi
  log "fetching the Whisper speech model $WHISPER_DEFAULT"
  "$VENV/bin/voice-guide" models fetch "$WHISPER_DEFAULT" \
    || log "could not fetch $WHISPER_DEFAULT: pocketsphinx listens instead"
}

run_tests() {
  ensure_venv speech,whisper,dev
  local bin="$VENV/bin"
  log "ruff"; "$bin/ruff" check .
  log "ruff format"; "$bin/ruff" format --check .
  log "mypy"; "$bin/mypy"
  log "pytest"; "$bin/pytest" "$@"
}

ensure_apt
if [ "${1:-}" = "test" ]; then
  shift
  run_tests "$@"
else
  ensure_venv speech,whisper,dev
  ensure_whisper_model
  exec "$VENV/bin/voice-guide" "$@"
fi
