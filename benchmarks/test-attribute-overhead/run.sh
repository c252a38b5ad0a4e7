#!/usr/bin/env bash
# Per-test overhead of [MockallocFact] over [Fact] (xUnit v2), measured the way users meet it: a real
# `dotnet test` of a generated project with 1,000 trivial [Fact] tests and 1,000 trivial [MockallocFact]
# tests (AllowNoData through the assembly defaults, so the trivial tests pass).
#
#   benchmarks/test-attribute-overhead/run.sh [runs]      (default: 5)
#
# Both kinds run in the same test host, in 20 classes of 100 tests, one class at a time in xUnit's
# (hash) order, so load from other work on the machine hits both kinds alike. From the TRX file each class's
# span (first test's start to last test's end: the tests, the gaps between them where the region is set
# up and judged, but not discovery or host start-up) is summed per kind; the per-test overhead is
# (Mockalloc sum - plain sum) / 1000. The first class of each kind (JIT warm-up) is left out and the
# other 9 are scaled to 10. Prints each run and the median.
set -euo pipefail
runs="${1:-5}"
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

: > "$work/overheads.txt"
for i in $(seq 1 "$runs"); do
  rm -f "$work/run.trx"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=run.trx" --results-directory "$work" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; exit 1; }
  python3 - "$work/run.trx" "$i" >> "$work/overheads.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
results = root.findall(".//t:UnitTestResult", ns)
assert len(results) == 2000 and all(r.get("outcome") == "Passed" for r in results), "expected 2000 passing tests"
spans = defaultdict(lambda: [None, None])
for r in results:
    cls = r.get("testName").split(".")[1]
    start, end = datetime.fromisoformat(r.get("startTime")), datetime.fromisoformat(r.get("endTime"))
    s = spans[cls]
    s[0] = start if s[0] is None or start < s[0] else s[0]
    s[1] = end if s[1] is None or end > s[1] else s[1]
def total(kind):
    classes = sorted((v for k, v in spans.items() if k.startswith(kind)), key=lambda v: v[0])[1:]  # drop the warm-up class
    return sum((e - s).total_seconds() for s, e in classes) * 1000 * 10 / len(classes)
plain, recorded = total("Plain"), total("Recorded")
overhead_us = (recorded - plain) * 1000 / 1000
print(f"{overhead_us:.1f}")
print(f"run {sys.argv[2]}: 1,000 [Fact] {plain:.0f} ms, 1,000 [MockallocFact] {recorded:.0f} ms, overhead {overhead_us:.1f} us per test", file=sys.stderr)
PY
done
median="$(sort -n "$work/overheads.txt" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
echo "per-test overhead of [MockallocFact] over [Fact], median of $runs runs: $median us"
