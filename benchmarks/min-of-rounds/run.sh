#!/usr/bin/env bash
# The best of 25 rounds of 2,000,000 pairs per operation, in ns, in one process: on a shared 2-core VM,
# where BenchmarkDotNet's means move by ±30% between runs, the minimum is what repeats (±0.5 ns here).
# For A/B decisions between two builds of the engine; the table of record is benchmarks/run.
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project MinOfRounds.csproj
