#!/usr/bin/env bash
# Installs the system programs the test suite drives: tmux for the real-terminal
# tests, the OpenSSH server and client for the end-to-end SSH test, Chromium
# for the serve-mode browser tests, Xvfb (a virtual screen) so a workshop test
# can run Chromium with a window, as trainees do, LibreOffice Calc and Writer (without
# their desktop interface) to prove that a chronology exported as CSV survives a
# spreadsheet and to turn a Word export into PDF, and poppler's pdftotext to read it.
# Only installs what is missing; needs root (or sudo) when it does.
set -euo pipefail
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
if ! command -v ssh >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  need+=(openssh-client)
fi
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The tests start their own sshd on a private port; nothing else is needed.
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
