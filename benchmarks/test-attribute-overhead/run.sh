#!/usr/bin/env bash
# Per-test overhead of [MockallocFact] over [Fact] (xUnit v2), measured the way users meet it: a real
# `dotnet test` of a generated project with 1,000 trivial [Fact] tests and 1,000 trivial [MockallocFact]
# tests (AllowNoData through the assembly defaults, so the trivial tests pass).
#
#   benchmarks/test-attribute-overhead/run.sh [runs]      (default: 5)
#
# End to end. Both kinds run in the same test host, in 20 classes C01..C20 of 100 tests, one class at a time
# in xUnit's (name-hash) order, so load from other work on the machine hits both kinds alike. Two layouts
# alternate between runs: in A the odd classes hold the [Fact] tests, in B the even ones, so neither kind
# always gets the same places in the order. From each run's TRX file, each class's span (first test's start
# to last test's end: the tests and the gaps between them where the region is set up and judged, not
# discovery or host start-up) divided by its 100 tests is that class's cost per test; the first class of each
# kind (JIT warm-up) is left out, and a kind's cost is the median of its other 9 classes (a median, because
# a class that a burst of other work hits costs several times the others). A run's overhead is the
# difference of the two kinds' costs; the script reports each run's, then their median and range. The TRX
# times are taken as the test platform handles each result, and they tick at the same pace for both kinds
# (seen on 2026-12-01: 39 us from start to end and 97 us between tests, for both): the region's microseconds
# do not show per test, and the noise between classes (tens of ms) is far larger than them, so a single
# run's figure, of either sign, is not the overhead.
#
# In process. The work [MockallocFact] adds to a test, timed alone: the options lookup the attributes make for
# every test (AllocOptionsLayering.ForTest: cached attribute layers, the environment, the region's name) and
# Allocs.RecordAsync around a trivial async body, judged; minus the same body awaited bare. Median and range
# of 7 rounds of 200,000 tests.
set -euo pipefail
runs="${1:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/.generated"
per_class=100

export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$work"
mkdir -p "$work"

# One project per layout; kinds.txt says which class holds which kind.
for layout in A B; do
  project="$work/Overhead$layout"
  mkdir -p "$project"
  cat > "$project/Overhead$layout.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <IsTestProject>true</IsTestProject>
    <RootNamespace>Overhead</RootNamespace>
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
  : > "$project/kinds.txt"
  for c in $(seq -w 1 20); do
    odd=$(( 10#$c % 2 ))
    if [[ ( $odd == 1 && $layout == A ) || ( $odd == 0 && $layout == B ) ]]; then kind=Plain; attribute=Fact; else kind=Recorded; attribute=MockallocFact; fi
    echo "C$c $kind" >> "$project/kinds.txt"
    {
      echo "namespace Overhead;"
      echo "public class C$c"
      echo "{"
      for t in $(seq 1 $per_class); do
        echo "    [Xunit.$attribute] public void Test$t() => Xunit.Assert.Equal($t, $t);"
      done
      echo "}"
    } > "$project/C$c.cs"
  done
  dotnet build "$project" -c Release -nodeReuse:false -p:UseSharedCompilation=false -v:q -nologo > "$work/build$layout.log" 2>&1 \
    || { cat "$work/build$layout.log"; exit 1; }
done

: > "$work/runs.txt"
for i in $(seq 1 "$runs"); do
  if (( i % 2 == 1 )); then layout=A; else layout=B; fi
  project="$work/Overhead$layout"
  rm -f "$work/run.trx"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=run.trx" --results-directory "$work" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; exit 1; }
  python3 - "$work/run.trx" "$project/kinds.txt" "$i" "$layout" >> "$work/runs.txt" <<'PY'
import sys, statistics, xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import datetime
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
kinds = dict(line.split() for line in open(sys.argv[2]))
results = ET.parse(sys.argv[1]).getroot().findall(".//t:UnitTestResult", ns)
assert len(results) == 2000 and all(r.get("outcome") == "Passed" for r in results), "expected 2000 passing tests"
spans = defaultdict(lambda: [None, None])
for r in results:
    cls = r.get("testName").split(".")[1]
    start, end = datetime.fromisoformat(r.get("startTime")), datetime.fromisoformat(r.get("endTime"))
    s = spans[cls]
    s[0] = start if s[0] is None or start < s[0] else s[0]
    s[1] = end if s[1] is None or end > s[1] else s[1]
per_test = {}
for kind in ("Plain", "Recorded"):
    classes = sorted(((k, v) for k, v in spans.items() if kinds[k] == kind), key=lambda kv: kv[1][0])[1:]  # drop the warm-up class
    per_test[kind] = statistics.median((e - s).total_seconds() * 1e6 / 100 for _, (s, e) in classes)
difference = per_test["Recorded"] - per_test["Plain"]
print(f"run {sys.argv[3]} (layout {sys.argv[4]}): [Fact] {per_test['Plain']:.1f} us per test, [MockallocFact] {per_test['Recorded']:.1f} us, "
      f"difference {difference:+.1f} us", file=sys.stderr)
print(per_test["Plain"], difference)
PY
done
python3 - "$work/runs.txt" <<'PY'
import sys, statistics
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
plain = [p for p, _ in rows]
differences = sorted(d for _, d in rows)
print(f"end to end, {len(rows)} runs: a trivial [Fact] costs {statistics.median(plain):.0f} us per test (median of runs; range {min(plain):.0f} to {max(plain):.0f})")
print(f"end to end, {len(rows)} runs: [MockallocFact] minus [Fact] median {statistics.median(differences):+.1f} us per test, "
      f"range {differences[0]:+.1f} to {differences[-1]:+.1f} us")
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
    <ProjectReference Include="$root/Mockalloc.Xunit/Mockalloc.Xunit.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$region/Program.cs" <<'CS'
using System.Diagnostics;
using System.Reflection;
using Mockalloc;

[assembly: MockallocDefaults(AllowNoData = true)]

// The lookup every Mockalloc test attribute makes when its test starts; internal, so through a delegate.
var forTest = typeof(Allocs).Assembly.GetType("Mockalloc.Internal.AllocOptionsLayering", throwOnError: true)!
    .GetMethod("ForTest", BindingFlags.Public | BindingFlags.Static)!
    .CreateDelegate<Func<MethodInfo, Type, AllocOptions>>();
MethodInfo method = typeof(SampleTests).GetMethod(nameof(SampleTests.Trivial))!;
const int N = 200_000;
const int Rounds = 7;
var overheads = new List<double>();
for (int round = 0; round < Rounds; round++)
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
        AllocOptions options = forTest(method, typeof(SampleTests));
        decimal time = 0;
        AllocInfo info = await Allocs.RecordAsync(async () => time = await Body(), options);
        if (info.Error is not null)
        {
            throw new InvalidOperationException(info.ToString());
        }
    }
    overheads.Add((clock.Elapsed.TotalNanoseconds / N) - plain);
}
overheads.Sort();
Console.WriteLine($"in process, {Rounds} rounds of {N:N0}: options lookup + Allocs.RecordAsync around a trivial async body + judging: " +
    $"median {overheads[Rounds / 2]:F0} ns per test, range {overheads[0]:F0} to {overheads[^1]:F0} ns");

static async Task<decimal> Body()
{
    await Task.CompletedTask;
    return 1m;
}

public class SampleTests
{
    [Xunit.MockallocFact]
    public void Trivial()
    {
    }
}
CS
dotnet run --project "$region" -c Release -p:UseSharedCompilation=false 2>&1 | tail -1
