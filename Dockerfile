# Builds every Tranche service image from source. Pick the service with --build-arg JAR=…
#   api:      api/target/tranche-api.jar
#   workers:  workers/target/tranche-workers-exec.jar
#   sandbox:  sandbox/target/tranche-sandbox-exec.jar
FROM eclipse-temurin:21-jdk AS build
# The contracts module compiles Solidity with solc-js and installs anvil through npm.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:21-jre
ARG JAR
RUN useradd --system --uid 10001 tranche
COPY --from=build /src/${JAR} /app/app.jar
USER tranche
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
