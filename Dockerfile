# Runs the layered jar built by `./mvnw -B package` (no build inside Docker):
#   ./mvnw -B package && docker build -t qagida:0.1.0 .
# Layers (dependencies, loader, snapshots, application) are copied separately, so a code or rules
# change rebuilds only the small application layer.
FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/qagida.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 qagida && useradd --system --uid 10001 --gid qagida --home-dir /app qagida \
    && mkdir -p /app/data && chown qagida:qagida /app/data
WORKDIR /app
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8080
# Keys: QAGIDA_API_KEYS=name:secret:roles;...  Without keys, one is generated in /app/data/generated-api-key.
# Rules: the copies inside the jar, unless QAGIDA_RULES_ROOT names a mounted folder.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
