# syntax=docker/dockerfile:1
# IR Bot container image. Build: docker build -t irbot .
# The same image serves the bot (default) and applies database migrations (`migrate` argument).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first from only the files that decide the package graph, so code edits reuse this layer.
COPY global.json Directory.Build.props Directory.Packages.props IrBot.sln ./
COPY src/IrBot/IrBot.csproj src/IrBot/
COPY src/IrBot.Slack/IrBot.Slack.csproj src/IrBot.Slack/
RUN dotnet restore src/IrBot/IrBot.csproj

COPY . .
RUN dotnet publish src/IrBot/IrBot.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The SQLite fallback (no ConnectionStrings__IrBot) writes to ./data; give the non-root user a
# place it may write. Mount a volume here if you run without PostgreSQL.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data

# The garbage collector for a small service (README, Performance): the workstation GC (one heap, background
# collections) and a 4 MB young generation. The live heap under load is about 12 MB and a note allocates a few KB, so
# this costs a few short gen-0 collections a second, and keeps 25-40 MB less committed than the server GC did.
# 1 MB regions instead of 4 MB, as the runtime's GC settings documentation ("Region size") recommends for a very
# small heap: each generation then commits what it holds rather than a 4 MB region apiece (about 7 MB less committed
# after the load run, no CPU cost seen).
# glibc's allocator: the JIT works in 64 KB blocks it frees after each method, and from the arenas glibc keeps
# them resident in pieces after start-up; mapped on their own (mmap_threshold) they go back to the system when freed.
# Two arenas instead of sixteen on two cores. Together about 15-20 MB less (README, Performance).
# The benchmark's load run reads these lines, so it measures the bot as the image runs it.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0 \
    DOTNET_GCgen0size=0x400000 \
    DOTNET_GCRegionSize=0x100000 \
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=65536:glibc.malloc.arena_max=2
EXPOSE 8080

# $APP_UID is the unprivileged "app" user the official .NET images create.
USER $APP_UID

# No HEALTHCHECK here: the image has no curl, and the `migrate` one-shot shares it. docker-compose.yml
# probes GET /health/ready with a bash /dev/tcp request instead; orchestrators should use
# /health/live (liveness) and /health/ready (readiness) directly.
ENTRYPOINT ["dotnet", "IrBot.dll"]
