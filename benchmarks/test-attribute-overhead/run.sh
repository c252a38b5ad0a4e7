#!/usr/bin/env bash
# Per-test overhead of [MockallocFact] over [Fact] (xUnit v2), measured the way users meet it: a real
# `dotnet test` of a generated project with 1,000 trivial [Fact] tests and 1,000 trivial [MockallocFact]
# tests (AllowNoData through the assembly defaults, so the trivial tests pass).
#
#   benchmarks/test-attribute-overhead/run.sh [runs]      (default: 12)
#
# Both kinds run in the same test host, in 20 classes of 100 tests, one class at a time in xUnit's
# (hash) order, so load from other work on the machine hits both kinds alike. From the TRX file each class's
# span (first test's start to last test's end: the tests, the gaps between them where the region is set
# up and judged, but not discovery or host start-up) is summed per kind; the per-test overhead is
# (Mockalloc sum - plain sum) / 1000. The first class of each kind (JIT warm-up) is left out and the
# other 9 are scaled to 10. Load from other work only adds time, so each class counts with its fastest run.
# Then, in-process, the cost of the region itself: Allocs.RecordAsync around a trivial async body.
set -euo pipefail
runs="${1:-12}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/.generated"
project="$work/Overhead"
per_class=100

export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$work"
mkdir -p "$project"
cat > "$project/Overhead.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <IsTestProject>true</IsTestProject>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/Mockalloc.Xunit/Mockalloc.Xunit.csproj" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" />
    <PackageReference Include="xunit" />
    <PackageReference Include="xunit.runner.visualstudio" />
  </ItemGroup>
</Project>
XML
cat > "$project/AssemblyInfo.cs" <<'CS'
[assembly: Mockalloc.MockallocDefaults(AllowNoData = true)]
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
CS
for kind in Plain:Fact Recorded:MockallocFact; do
  name="${kind%%:*}"; attribute="${kind##*:}"
  for c in $(seq -w 1 10); do
    {
      echo "namespace Overhead;"
      echo "public class $name$c"
      echo "{"
      for t in $(seq 1 $per_class); do
        echo "    [Xunit.$attribute] public void Test$t() => Xunit.Assert.Equal($t, $t);"
      done
      echo "}"
    } > "$project/$name$c.cs"
  done
done
dotnet build "$project" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

: > "$work/spans.txt"
for i in $(seq 1 "$runs"); do
  rm -f "$work/run.trx"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=run.trx" --results-directory "$work" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; exit 1; }
  python3 - "$work/run.trx" "$i" >> "$work/spans.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
results = ET.parse(sys.argv[1]).getroot().findall(".//t:UnitTestResult", ns)
assert len(results) == 2000 and all(r.get("outcome") == "Passed" for r in results), "expected 2000 passing tests"
spans = defaultdict(lambda: [None, None])
for r in results:
    cls = r.get("testName").split(".")[1]
    start, end = datetime.fromisoformat(r.get("startTime")), datetime.fromisoformat(r.get("endTime"))
    s = spans[cls]
    s[0] = start if s[0] is None or start < s[0] else s[0]
    s[1] = end if s[1] is None or end > s[1] else s[1]
totals = {}
for kind in ("Plain", "Recorded"):
    classes = sorted(((k, v) for k, v in spans.items() if k.startswith(kind)), key=lambda kv: kv[1][0])[1:]  # drop the warm-up class
    for k, (s, e) in classes:
        print(k, (e - s).total_seconds() * 1000)
    totals[kind] = sum((e - s).total_seconds() for _, (s, e) in classes) * 1000 * 10 / len(classes)
print(f"run {sys.argv[2]}: 1,000 [Fact] {totals['Plain']:.0f} ms, 1,000 [MockallocFact] {totals['Recorded']:.0f} ms, "
      f"difference {(totals['Recorded'] - totals['Plain']):.1f} us per test", file=sys.stderr)
PY
done
# Noise from other work on the machine only ever adds time: each class's fastest run is its cost.
python3 - "$work/spans.txt" "$runs" <<'PY'
import sys
from collections import defaultdict
best = defaultdict(lambda: float("inf"))
for line in open(sys.argv[1]):
    name, span = line.split()
    best[name] = min(best[name], float(span))
def total(kind):
    spans = [v for k, v in best.items() if k.startswith(kind)]
    return sum(spans) * 10 / len(spans)
plain, recorded = total("Plain"), total("Recorded")
print(f"fastest of {sys.argv[2]} runs per class: 1,000 [Fact] {plain:.1f} ms ({plain:.0f} us per test), 1,000 [MockallocFact] {recorded:.1f} ms")
print(f"per-test overhead of [MockallocFact] over [Fact]: {(recorded - plain):.1f} us")
PY

region="$work/RegionCost"
mkdir -p "$region"
cat > "$region/RegionCost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/Mockalloc.Core/Mockalloc.Core.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$region/Program.cs" <<'CS'
using System.Diagnostics;
using Mockalloc;

var options = new AllocOptions { AllowNoData = true };
const int N = 200_000;
double best = double.MaxValue;
for (int round = 0; round < 7; round++)
{
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < N; i++)
    {
        await Body();
    }
    double plain = clock.Elapsed.TotalNanoseconds / N;
    clock.Restart();
    for (int i = 0; i < N; i++)
    {
        decimal time = 0;
        AllocInfo info = await Allocs.RecordAsync(async () => time = await Body(), options);
        if (info.Error is not null)
        {
            throw new InvalidOperationException(info.ToString());
        }
    }
    best = Math.Min(best, (clock.Elapsed.TotalNanoseconds / N) - plain);
}
Console.WriteLine($"region set-up and judging (Allocs.RecordAsync around a trivial async body), best of 7 rounds: {best:F0} ns per test");

static async Task<decimal> Body()
{
    await Task.CompletedTask;
    return 1m;
}
CS
dotnet run --project "$region" -c Release -p:UseSharedCompilation=false 2>&1 | tail -1
