#!/usr/bin/env bash
# Builds the base image the local build uses in place of eclipse-temurin:17-jre, from Debian's own
# packages (debootstrap), with no image registry: Debian bookworm, minbase, OpenJDK 17's headless
# JRE. An image already there under that tag is kept: it is the cache between runs on one machine.
#
#   deploy/build-base-image.sh            # FLOTILLA_BASE_IMAGE, default flotilla-local/jre17:bookworm
#
# Needs root, debootstrap and a Debian mirror (FLOTILLA_DEBIAN_MIRROR, default deb.debian.org).
set -euo pipefail

image=${FLOTILLA_BASE_IMAGE:-flotilla-local/jre17:bookworm}
mirror=${FLOTILLA_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image: present, kept" >&2
  exit 0
fi

rootfs=$(mktemp -d /tmp/flotilla-rootfs.XXXXXX)
cleanup() {
  # debootstrap mounts /proc and /sys in the tree while it works; a failed run may leave them.
  grep -o " $rootfs/[^ ]*" /proc/mounts | sort -r | xargs -r umount -l || true
  rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

echo "base image $image: debootstrap bookworm with openjdk-17-jre-headless ..." >&2
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" \
  >"$rootfs.log" 2>&1 || {
  tail -30 "$rootfs.log" >&2
  exit 1
}
rm -f "$rootfs.log"
# What an image does not need: downloaded packages, package lists, documentation.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*

tar -C "$rootfs" -c . |
  docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'CMD ["bash"]' \
    --message "Debian bookworm minbase with openjdk-17-jre-headless, from debootstrap" \
    - "$image" >/dev/null
echo "base image $image: built" >&2
