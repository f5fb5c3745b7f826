#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# tools/port-fetch.sh PACKAGE [DIR]
#
# Fetches the Debian source package PACKAGE (e.g. lua5.4, zlib, bc, sed)
# into DIR (default build/port-src/PACKAGE) and unpacks its upstream
# (.orig) tarball into DIR/src, without the Debian patches. Prints DIR/src.
#
# The archive is the one this machine's apt already uses: the deb entries
# of /etc/apt/sources.list{,.d/*} are copied as deb-src into a private
# configuration under build/port-src/.apt, so the system's apt state is
# neither read for lists nor changed. `apt-get source` checks the files
# against the signed Sources index (Signed-By as in the system's entries).
#
# Once DIR/src exists nothing is downloaded again: builds that follow
# (make port-thirdparty) work offline. Without the archive the script
# fails with a message and status 1.
set -euo pipefail

pkg=${1:?usage: tools/port-fetch.sh PACKAGE [DIR]}
here=$(cd "$(dirname "$0")/.." && pwd)
base=${PORT_SRC:-$here/build/port-src}
dir=${2:-$base/$pkg}

if [ -f "$dir/.unpacked" ]; then
	echo "$dir/src"
	exit 0
fi

die() {
	echo "port-fetch: $*" >&2
	exit 1
}

command -v apt-get >/dev/null || die "apt-get is needed to fetch Debian sources"

apt_dir=$base/.apt
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$dir"

# One fetch at a time (make -j starts several): apt locks its lists, and
# the index needs refreshing only once. A fetch that waited may find its
# package already there.
exec 9>"$base/.fetch.lock"
flock 9
if [ -f "$dir/.unpacked" ]; then
	echo "$dir/src"
	exit 0
fi

# deb-src twins of the system's deb entries (deb822 .sources and one-line).
: >"$apt_dir/sources.list"
rm -f "$apt_dir/sources.list.d/"*.sources
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed -e 's/^Types:.*/Types: deb-src/' "$f" >"$apt_dir/sources.list.d/$(basename "$f")"
done
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	sed -n -e 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$apt_dir/sources.list"
done
if [ ! -s "$apt_dir/sources.list" ] &&
	! ls "$apt_dir/sources.list.d/"*.sources >/dev/null 2>&1; then
	die "no deb entries in /etc/apt to derive a source archive from"
fi

apt=(apt-get -q
	-o "Dir::Etc::SourceList=$apt_dir/sources.list"
	-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir/cache"
	-o "Acquire::Retries=1"
	-o "Acquire::http::Timeout=30"
	-o "APT::Sandbox::User=$(id -un)")

# The index is refreshed once a day at most.
stamp=$apt_dir/lists/.updated
if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
	echo "port-fetch: updating the source index" >&2
	if ! "${apt[@]}" --error-on=any update >"$apt_dir/update.log" 2>&1; then
		cat "$apt_dir/update.log" >&2
		die "cannot reach the Debian archive (see above); fetch $pkg on a machine with access"
	fi
	touch "$stamp"
fi

echo "port-fetch: downloading $pkg" >&2
if ! (cd "$dir" && "${apt[@]}" source --download-only "$pkg") >"$dir/fetch.log" 2>&1; then
	cat "$dir/fetch.log" >&2
	die "could not download the source package $pkg"
fi

orig=$(find "$dir" -maxdepth 1 -name '*.orig.tar.*' ! -name '*.asc' | sort | head -n 1)
[ -n "$orig" ] || die "$pkg has no .orig tarball in $dir"
rm -rf "$dir/src"
mkdir -p "$dir/src"
tar -xf "$orig" -C "$dir/src" --strip-components=1
touch "$dir/.unpacked"
echo "$dir/src"
