# One image for every Flotilla service; the command names the service:
#
#   docker run ... IMAGE coordinator | backup-worker | migration-worker | notifier
#
# It copies in the shaded jar Maven builds (./mvnw -pl cli -am package -DskipTests), and is
# configured by the FLOTILLA_* variables the README lists. docker-compose.yml runs each service
# in its own container; deploy/build-images.sh builds it on a local base image
# (--build-arg BASE_IMAGE=...) where no image registry is reachable.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# A fixed uid and gid, so that a fleet folder on the host can be given to them.
ARG FLOTILLA_UID=10001
ARG FLOTILLA_GID=10001
RUN groupadd --system --gid "${FLOTILLA_GID}" flotilla \
 && useradd --system --uid "${FLOTILLA_UID}" --gid flotilla --home-dir /var/lib/flotilla \
      --no-create-home --shell /usr/sbin/nologin flotilla \
 && mkdir -p /app /srv/fleet /var/lib/flotilla /var/backups/flotilla \
 && chown flotilla:flotilla /srv/fleet /var/lib/flotilla /var/backups/flotilla

COPY deploy/flotilla-health /usr/local/bin/flotilla-health
COPY cli/target/flotilla.jar /app/flotilla.jar

# Where each service keeps its files; a container mounts what its service uses: the fleet (the
# workers), the backups (the backup worker), its own data (the coordinator's projections, the
# migration worker's dry-run copies).
ENV FLOTILLA_FLEET_DIR=/srv/fleet \
    FLOTILLA_BACKUP_DIR=/var/backups/flotilla \
    FLOTILLA_DATA_DIR=/var/lib/flotilla
VOLUME ["/srv/fleet", "/var/backups/flotilla", "/var/lib/flotilla"]

USER ${FLOTILLA_UID}:${FLOTILLA_GID}
WORKDIR /var/lib/flotilla
# The coordinator's API, the notifier's event stream, the migration worker's census.
EXPOSE 8081 8082 8083
ENTRYPOINT ["java", "-jar", "/app/flotilla.jar"]
CMD ["--help"]
