#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL 15 (throwaway clusters), Chromium (UI tests) and
# OpenLDAP's slapd with the ldap-utils clients (throwaway LDAP servers for the LDAP source tests).
set -uo pipefail
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/slapd ] || need+=(slapd)
[ -x /usr/bin/ldapadd ] || need+=(ldap-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
log=/tmp/conduit-apt.log
apt-get install -y --no-install-recommends "${need[@]}" >"$log" 2>&1 || {
  apt-get update >>"$log" 2>&1 && apt-get install -y --no-install-recommends "${need[@]}" >>"$log" 2>&1
} || { echo "could not install ${need[*]} (see $log)" >&2; exit 1; }
