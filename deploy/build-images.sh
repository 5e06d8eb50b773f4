#!/usr/bin/env bash
# Builds the images deploy/compose.local.yml runs, with no image registry:
#
#   flotilla-local/jre17:bookworm   the base: Debian's OpenJDK 17 (deploy/build-base-image.sh;
#                                   kept once built)
#   flotilla-local/flotilla:dev     the services: ./Dockerfile on that base, with the built jar
#   flotilla-local/kafka:4.4.0      the stand-in for apache/kafka: deploy/kafka/ on that base, with
#                                   the broker's jars from Maven Central
#
# The jar comes first: ./mvnw -pl cli -am package -DskipTests. Nothing is pulled: each build names
# the local base image, is told not to pull, and runs without a network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export FLOTILLA_BASE_IMAGE=${FLOTILLA_BASE_IMAGE:-flotilla-local/jre17:bookworm}
services_image=flotilla-local/flotilla:dev
kafka_image=flotilla-local/kafka:4.4.0

if [ ! -f cli/target/flotilla.jar ]; then
  echo "build-images: cli/target/flotilla.jar is missing: ./mvnw -pl cli -am package -DskipTests" >&2
  exit 1
fi

build() {
  local image=$1 context=$2
  echo "image $image: building from $context on $FLOTILLA_BASE_IMAGE ..." >&2
  docker build --quiet --pull=false --network none \
    --build-arg BASE_IMAGE="$FLOTILLA_BASE_IMAGE" --tag "$image" "$context" >/dev/null
}

deploy/build-base-image.sh
build "$services_image" .

echo "image $kafka_image: the broker's jars from Maven Central ..." >&2
rm -rf deploy/kafka/target/libs
./mvnw -B -ntp -q -f deploy/kafka/pom.xml dependency:copy-dependencies
build "$kafka_image" deploy/kafka
