#!/usr/bin/env bash
# Rebuilds the single initial migration of each provider from the current model.
# IR Bot has no released database yet, so one migration per provider keeps history simple;
# once a release ships, add migrations instead (dotnet ef migrations add Name --context …).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf src/IrBot/Data/Migrations src/IrBot/IrBot
for provider in Postgres Sqlite; do
  dotnet ef migrations add InitialCreate --project src/IrBot --context "${provider}IrBotDbContext" \
    --output-dir "Data/Migrations/${provider}"
done
