# Runs the jar built by `./mvnw -B package` (no build inside Docker):
#   ./mvnw -B package && docker build -t qagida:0.1.0 .
# Layers (dependencies, loader, snapshots, application) are copied separately, so a code or rules
# change rebuilds only the small application layer (and the class data archive after it).
FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/qagida.jar app.jar
# qagida.jar (the application's classes and rules) and lib/ beside it: the layout class data sharing needs
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 qagida && useradd --system --uid 10001 --gid qagida --home-dir /app qagida \
    && mkdir -p /app/data && chown qagida:qagida /app /app/data
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER 10001:10001
# Class data sharing: a training run starts the application up to the first rule base in service
# (the rules compiled, the warm-up check answered) and exits, leaving the classes it loaded in
# qagida.jsa; every start then maps them instead of loading them (bench/startup.sh CDS=1 measures it).
# It runs on a throw-away H2 database and key, removed afterwards.
RUN QAGIDA_API_KEYS="cds-training:cds-training-only-$(date +%s%N):checker" \
    java -XX:ArchiveClassesAtExit=qagida.jsa -jar qagida.jar --qagida.cds-training=true \
        --qagida.rules.watch.enabled=false --server.port=0 \
    && rm -rf /app/data/* /tmp/*
EXPOSE 8080 8081
# Keys: QAGIDA_API_KEYS=name:secret:roles;...  Without keys, one is generated in /app/data/generated-api-key
# (refused under the profile prod, as is H2: see k8s/qagida.yaml and docs/operations.md).
# Rules: the store's active version; an empty store is seeded from the rules inside the jar.
# Heap: 40 % of the container's memory; the gate's child JVM (512 MB) needs room beside it.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-XX:SharedArchiveFile=qagida.jsa", "-Xshare:auto", "-jar", "qagida.jar"]
