#!/usr/bin/env bash
# Build the Linux artefacts into dist/ from a clean virtual environment on Debian's python3:
#   dist/hfs-desktop/                          the PyInstaller one-folder bundle
#   dist/hfs-desktop_<version>_<arch>.deb      Debian's libraries left out, Depends computed
#   dist/hfs-desktop-<version>-linux-<arch>.tar.xz   self-contained (Debian's libraries in)
# and check the .desktop file, the AppStream metainfo and (with lintian) the .deb.
#
#   bash installer/build.sh [--no-archive] [--no-lintian]
#
# Needs (Debian): python3 python3-venv dpkg-dev fakeroot binutils xz-utils
# libwayland-cursor0 libwayland-egl1 (for dpkg-shlibdeps) desktop-file-utils appstream
# lintian; .ci/installer installs them. PYTHON=... picks another interpreter (must be a
# Debian python3: another one bakes its library path into the binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
archive=1
lint=1
for arg in "$@"; do
  case $arg in
    --no-archive) archive=0 ;;
    --no-lintian) lint=0 ;;
    *) echo "usage: $0 [--no-archive] [--no-lintian]" >&2; exit 2 ;;
  esac
done

python=${PYTHON:-/usr/bin/python3}
pyver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
march=$(uname -m)
app_id=org.hfsdesktop.HFSDesktop
build=$root/build/installer
venv=$build/venv
dist=$root/dist
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
say() { echo "build.sh: $*"; }
t0=$SECONDS

# 1. A clean venv: only PyInstaller and the app's own dependencies (a development venv
#    would drag pytest and pygments in through networkx's optional backends). Made once;
#    the app is installed again on every build, so its dependencies follow pyproject.toml
#    (a version pin moves the venv's packages too) and the venv's hfs-desktop is the code
#    being bundled (benchmarks/installer.py compares against it).
if [ ! -x "$venv/bin/pyinstaller" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
fi
"$venv/bin/python" -m pip install -q 'pyinstaller>=6.10,<7' "$root"
"$venv/bin/python" -m pip install -q --no-deps --force-reinstall "$root"
"$venv/bin/python" -m pip check >/dev/null \
  || { "$venv/bin/python" -m pip check >&2; exit 1; }
say "venv ready ($("$venv/bin/python" --version), PyInstaller $("$venv/bin/pyinstaller" --version))"

# 2. The bundle.
rm -rf "$dist/hfs-desktop" "$dist/hfs-desktop.system-libs"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath "$dist" \
  --workpath "$build/pyinstaller" installer/hfs-desktop.spec
bundle=$dist/hfs-desktop
say "bundle: $(du -sm "$bundle" | cut -f1) MB ($((SECONDS - t0)) s)"

# 3. The .deb tree.
pkg=$build/deb
rm -rf "$pkg"
lib=$pkg/usr/lib/hfs-desktop
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/metainfo" "$pkg/usr/share/doc/hfs-desktop" "$pkg/usr/share/man/man1" \
  "$pkg/usr/lib"
cp -a "$bundle" "$lib"
while read -r rel; do
  [ -n "$rel" ] && rm -f "$lib/_internal/$rel"
done < "$dist/hfs-desktop.system-libs"
dangling=$(find "$lib" -xtype l)
[ -z "$dangling" ] || { echo "build.sh: dangling links: $dangling" >&2; exit 1; }
# /usr/bin/hfs-desktop and hfs-kb: launchers that run the bundle on Debian's own
# python$pyver (linux/start.py) when it is installed (Recommends), else the PyInstaller
# executables (benchmarks/RESULTS.md, "Installers": the bootloader's shared libpython runs
# Python slower than Debian's static interpreter).
for program in hfs-desktop hfs-kb; do
  sed -e "s/@PROGRAM@/$program/g" -e "s/@PYVER@/$pyver/g" installer/linux/launcher.sh \
    > "$pkg/usr/bin/$program"
done
sed -e "s/@PYVER@/$pyver/g" installer/linux/start.py > "$lib/start.py"
install -m 0644 "installer/linux/$app_id.desktop" "$pkg/usr/share/applications/"
install -m 0644 "installer/linux/$app_id.metainfo.xml" "$pkg/usr/share/metainfo/"
for dir in installer/icons/hicolor/*/; do
  size=$(basename "$dir")
  install -D -m 0644 "$dir/apps/hfs-desktop.png" \
    "$pkg/usr/share/icons/hicolor/$size/apps/hfs-desktop.png"
done
install -D -m 0644 resources/icons/hfs-desktop.svg \
  "$pkg/usr/share/icons/hicolor/scalable/apps/hfs-desktop.svg"
install -m 0644 installer/linux/copyright "$pkg/usr/share/doc/hfs-desktop/copyright"
install -D -m 0644 installer/linux/lintian-overrides \
  "$pkg/usr/share/lintian/overrides/hfs-desktop"
date_r=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
{
  echo "hfs-desktop ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version, built from the project's repository; the project's"
  echo "    history is in its git log and knowledge/CHANGELOG.md."
  echo
  echo " -- HFS Desktop contributors <hfs-desktop@hfs-desktop.invalid>  $date_r"
} | gzip -9n > "$pkg/usr/share/doc/hfs-desktop/changelog.gz"
for page in hfs-desktop hfs-kb; do
  "$python" installer/linux/manpage.py "$page" "$version" "$SOURCE_DATE_EPOCH" \
    | gzip -9n > "$pkg/usr/share/man/man1/$page.1.gz"
done
# Modes lintian expects: directories and programs 0755, everything else (libraries too) 0644.
find "$pkg/usr" -type d -exec chmod 0755 {} +
find "$pkg/usr" -type f -exec chmod 0644 {} +
chmod 0755 "$lib/hfs-desktop" "$lib/hfs-kb" "$pkg/usr/bin/hfs-desktop" "$pkg/usr/bin/hfs-kb"

# Depends: computed by dpkg-shlibdeps from every ELF file, the bundle's own libraries
# excluded (-l: private library folders).
elves=()
while IFS= read -r -d '' file; do
  [ "$(head -c4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] && elves+=("$file")
done < <(find "$lib" -type f -print0)
private=$(find "$lib" -name '*.so*' -type f -printf '%h\n' | sort -u | sed 's/^/-l/')
shlib=$build/shlibdeps
rm -rf "$shlib" && mkdir -p "$shlib/debian"
printf 'Source: hfs-desktop\n\nPackage: hfs-desktop\nArchitecture: any\n' \
  > "$shlib/debian/control"
# shellcheck disable=SC2086
depends=$(cd "$shlib" && dpkg-shlibdeps -O $private "${elves[@]}" 2>"$shlib/warnings" \
  | sed -n 's/^shlibs:Depends=//p')
grep -v "^$\|dpkg-shlibdeps: warning: .*\(not used\|useless\|diversions\|unresolvable reference\|similar warnings\)" \
  "$shlib/warnings" >&2 || true
[ -n "$depends" ] || { echo "build.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
installed=$(du -sk --apparent-size "$pkg/usr" | cut -f1)
# Recommends, not Depends: the package installs where Debian has no python$pyver (Debian 13)
# and runs there on the bootloader. python$pyver, not python$pyver-minimal: the launcher
# needs the standard library too (libpython$pyver-stdlib), and a relation on a -minimal
# package is lintian's error depends-on-python-minimal ("must depend on python").
cat > "$pkg/DEBIAN/control" <<EOF
Package: hfs-desktop
Version: $version
Architecture: $arch
Maintainer: HFS Desktop contributors <hfs-desktop@hfs-desktop.invalid>
Installed-Size: $installed
Depends: $depends
Recommends: python$pyver
Section: science
Priority: optional
Description: offline clinical knowledge browser for hemifacial spasm
 HFS Desktop is a reference on hemifacial spasm for medical students and
 clinicians that works without a network connection. Every treatment and
 claim carries an evidence flag and every statement shows its source.
 .
 It offers search as you type, a page per condition, cause, sign, test and
 treatment, a graph of how they relate, and printing or saving as PDF. The
 hfs-kb command works on the knowledge pack without the window.
EOF
deb=$dist/hfs-desktop_${version}_${arch}.deb
rm -f "$dist"/hfs-desktop_*.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
say "deb: $deb ($(du -k "$deb" | cut -f1) KB, installed $((installed / 1024)) MB," \
  "$(tr ',' '\n' <<<"$depends" | wc -l) dependencies) ($((SECONDS - t0)) s)"

# 4. Checks on the metadata (and the package).
desktop-file-validate "$pkg/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net --explain "$pkg/usr/share/metainfo/$app_id.metainfo.xml" \
  >/dev/null
if ((lint)); then
  # Errors allowed: only embedded-library (Qt's libjpeg, Python's expat, PyYAML's libyaml
  # are linked in statically by their upstream builds; nothing to unbundle). One tag is
  # overridden in the package, with its reason: linux/lintian-overrides (the bundle's
  # bytecode, package-installs-python-bytecode).
  # --fail-on none: lintian's exit status then says only whether lintian itself ran (with
  # the default, 2 means "found errors" and also "could not read the file"). It must exit
  # 0, say nothing on stderr but its notice about root, and report on hfs-desktop (the
  # embedded-library errors below are always there: no tag at all means it checked nothing).
  status=0
  lintian --fail-on none --tag-display-limit 0 "$deb" >"$build/lintian.txt" \
    2>"$build/lintian.err" || status=$?
  if [ "$status" -ne 0 ] || grep -qv '^running with root privileges' "$build/lintian.err" \
      || ! grep -q '^[EWIPXO]: hfs-desktop' "$build/lintian.txt"; then
    cat "$build/lintian.err" "$build/lintian.txt" >&2
    echo "build.sh: lintian failed (exit $status) or reported nothing on hfs-desktop" >&2
    exit 1
  fi
  if grep '^E:' "$build/lintian.txt" | grep -v ': embedded-library ' >&2; then
    echo "build.sh: lintian reports errors (above); all: build/installer/lintian.txt" >&2
    exit 1
  fi
  say "lintian: $(grep -c '^E:' "$build/lintian.txt" || true) embedded-library errors" \
    "(allowed), $(grep -c '^W:' "$build/lintian.txt" || true) warnings, no other error"
fi

# 5. The self-contained archive (Debian's libraries included).
if ((archive)); then
  tarball=$dist/hfs-desktop-$version-linux-$march.tar.xz
  top=hfs-desktop-$version
  stage=$build/archive
  rm -rf "$stage" && mkdir -p "$stage/$top"
  cp -a "$bundle/." "$stage/$top/"
  install -m 0644 "installer/linux/$app_id.desktop" "$stage/$top/$app_id.desktop"
  install -m 0644 installer/icons/hicolor/256x256/apps/hfs-desktop.png "$stage/$top/"
  install -m 0644 installer/linux/README-archive.txt "$stage/$top/README.txt"
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - "$top" | xz -T0 -5 > "$tarball"
  say "archive: $tarball ($(du -k "$tarball" | cut -f1) KB) ($((SECONDS - t0)) s)"
fi
say "done in $((SECONDS - t0)) s"
