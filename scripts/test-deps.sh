#!/bin/sh
# What `npm test` needs from Debian beyond Node and Redis (npm's pretest runs this first):
# Chromium for the browser tests and fonts-noto-cjk so they and the ticket previews draw Chinese.
# Missing ones are installed when this runs as root with apt-get; otherwise it stops at once and
# prints the one command to run. Environment (for CI and for checking this script itself):
#   YC_TEST_DEBS          the packages to check (default: chromium fonts-noto-cjk)
#   YC_TEST_DEBS_MISSING  packages to treat as missing even when installed (shows what a fresh machine sees)
#   YC_TEST_DEBS_INSTALL  "no": never install, only say what to run
set -eu

debs=${YC_TEST_DEBS:-chromium fonts-noto-cjk}
missing=""
for pkg in $debs; do
  pretend=no
  for m in ${YC_TEST_DEBS_MISSING:-}; do [ "$m" = "$pkg" ] && pretend=yes; done
  if [ "$pretend" = yes ] || ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $pkg"
  fi
done
missing=${missing# }
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${YC_TEST_DEBS_INSTALL:-yes}" != no ]; then
  echo "npm test: installing the Debian packages the tests need: $missing"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; then exit 0; fi
  echo "npm test: could not install $missing (see apt-get's message above)." >&2
  exit 1
fi

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo "
echo "npm test needs Debian packages that are not installed: $missing" >&2
echo "Install them, then run npm test again:" >&2
echo "" >&2
echo "    ${sudo}apt-get install -y --no-install-recommends $missing" >&2
exit 1
