# Builds every Tranche service image from source (multi-stage: the JDK, Maven and Node stay in the build
# stage; the image holds a JRE and one jar). Pick the service with --build-arg JAR=…
#   api:      api/target/tranche-api.jar          (no embedded PostgreSQL, Redis, Temporal or sandbox)
#   workers:  workers/target/tranche-workers-exec.jar
#   sandbox:  sandbox/target/tranche-sandbox-exec.jar
# The contracts module compiles Solidity with solc-js and installs anvil through npm: Node 22, as the
# README asks for Node 20+.
FROM node:22-bookworm-slim AS node

FROM eclipse-temurin:21-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21-jre
ARG JAR
RUN useradd --system --uid 10001 tranche
COPY --from=build /src/${JAR} /app/app.jar
USER tranche
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
