#!/usr/bin/env bash
# Rebuilds the single initial migration of each provider from the current model, and PostgreSQL's compiled
# model (Hosting/CompiledModel: it knows every feature's entities; production's contexts load it instead of building the model at start;
# CompiledModelTests fails while it is stale).
# IR Bot has no released database yet, so one migration per provider keeps history simple;
# once a release ships, add migrations instead (dotnet ef migrations add Name --context …).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# dotnet ef builds the project; on a fresh clone it needs its packages first.
dotnet restore src/IrBot >/dev/null
# The compiled model goes first: a stale one may not even compile against the changed entities.
rm -rf src/IrBot/Data/Migrations src/IrBot/Hosting/CompiledModel src/IrBot/IrBot
for provider in Postgres Sqlite; do
  dotnet ef migrations add InitialCreate --project src/IrBot --context "${provider}IrBotDbContext" \
    --output-dir "Data/Migrations/${provider}"
done
dotnet ef dbcontext optimize --project src/IrBot --context PostgresIrBotDbContext \
  --output-dir Hosting/CompiledModel --namespace IrBot.Hosting.CompiledModel
