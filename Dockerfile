# Ferry's container image, in the mould of Confluent's cp-kafka-connect: a Connect worker in
# distributed mode configured by CONNECT_* variables, plugins under /usr/share/java and
# /usr/share/confluent-hub-components, extra jars in /etc/kafka-connect/jars, user 1000 in group 0.
# The same image runs Ferry's Schema Registry (`registry` argument, SCHEMA_REGISTRY_* variables).
# docs/DEPLOY.md describes it; deploy/docker/ holds its scripts.
#
#   docker build -t ferry .
#   docker run -e CONNECT_BOOTSTRAP_SERVERS=kafka:9092 ... ferry
#
# Only instructions the classic builder understands (no RUN --mount, no COPY --chmod), so that
# docker-compose 1.x builds it too.

# --- build: the distribution, from source, with the Maven wrapper --------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . /src
RUN ./mvnw -B -DskipTests -pl ferry-dist -am package

# --- run: a JRE and the distribution ------------------------------------------------------------
FROM eclipse-temurin:17-jre

ARG APP_UID=1000

# The cp image's user: uid 1000 with group 0 (root), and group-writable directories, so that
# platforms running containers under an arbitrary uid in group 0 (OpenShift) work as well.
# Ubuntu's base image ships a user 'ubuntu' with uid 1000, which this replaces.
RUN set -eux; \
    if id -u ubuntu >/dev/null 2>&1; then userdel --remove ubuntu; fi; \
    useradd --uid "${APP_UID}" --gid 0 --home-dir /home/appuser --create-home --shell /bin/bash appuser; \
    mkdir -p /etc/kafka-connect/jars /etc/kafka-connect/secrets /usr/share/java \
             /usr/share/confluent-hub-components /usr/logs /etc/confluent/docker; \
    chown -R "${APP_UID}:0" /etc/kafka-connect /usr/share/confluent-hub-components /usr/logs /home/appuser; \
    chmod -R g+w /etc/kafka-connect /usr/share/confluent-hub-components /usr/logs /home/appuser

COPY --from=build /src/ferry-dist/target/ferry /opt/ferry
COPY deploy/docker/entrypoint.sh deploy/docker/healthcheck.sh deploy/docker/record-class-data.sh /opt/ferry/docker/

# /opt/ferry/.cds holds the class-data archive (AppCDS) that bin/ferry maps; it is recorded below,
# and stays writable for uid 1000 and group 0 so that the launcher can replace it when the jars or
# the JVM differ (a derived image that adds jars to /opt/ferry/lib). The cp image's script paths
# are kept as links for compose files and manifests that call /etc/confluent/docker/run after
# installing plugins.
RUN set -eux; \
    chmod 755 /opt/ferry/docker/entrypoint.sh /opt/ferry/docker/healthcheck.sh /opt/ferry/docker/record-class-data.sh; \
    mkdir -p /opt/ferry/.cds; \
    chown -R "${APP_UID}:0" /opt/ferry/.cds; \
    chmod -R g+w /opt/ferry/.cds; \
    ln -s /opt/ferry/docker/entrypoint.sh /etc/confluent/docker/run; \
    ln -s /opt/ferry/docker/healthcheck.sh /etc/confluent/docker/healthcheck.sh

ENV FERRY_HOME=/opt/ferry \
    PATH=/opt/ferry/bin:$PATH \
    HOME=/home/appuser \
    LANG=C.UTF-8 \
    COMPONENT=kafka-connect \
    CONNECT_PLUGIN_PATH=/usr/share/java,/usr/share/confluent-hub-components \
    FERRY_PLUGIN_DIR=/usr/share/confluent-hub-components

USER ${APP_UID}

# Bakes the class-data archive into the image, so that every container maps it from its first
# start instead of recording it then: a distributed worker, against ferry dev's embedded broker,
# started and stopped once as the user containers run as (docs/DEPLOY.md, "Start-up").
RUN /opt/ferry/docker/record-class-data.sh && rm -rf /tmp/hsperfdata_*

VOLUME ["/etc/kafka-connect/jars", "/etc/kafka-connect/secrets"]

# 8083: the worker's REST API; 8081: the registry, when the image runs one.
EXPOSE 8083 8081

WORKDIR /home/appuser

# A worker starts in well under a second; the start period covers joining the group. The check
# uses curl, which the Temurin base images include.
HEALTHCHECK --start-period=60s --interval=5s --timeout=10s --retries=12 \
    CMD ["/opt/ferry/docker/healthcheck.sh"]

ENTRYPOINT ["/opt/ferry/docker/entrypoint.sh"]
CMD ["distributed"]
