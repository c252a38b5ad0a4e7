using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Mockalloc.Generators.Benchmarks;

// Usage: dotnet run -c Release -- [--table]
// One launch, 2 warmups, 8 iterations (each operation takes hundreds of milliseconds). With --table, prints
// the rows benchmarks/run adds to its table, in ms, with the targets beside them.
bool table = args.Contains("--table");
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithId("generator"));
Summary summary = BenchmarkRunner.Run<GeneratorBenchmarks>(config);
if (table)
{
    double Ms(string method) => summary.Reports
        .Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method).ResultStatistics!.Mean / 1e6;
    double bind = Ms(nameof(GeneratorBenchmarks.BindCallSites));
    double bindAfterEdit = Ms(nameof(GeneratorBenchmarks.BindCallSitesAfterEdit));
    Console.WriteLine();
    Console.WriteLine("| operation | raw ms | generator ms | ratio | target |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| interceptor generator, full run, {CallSiteProject.CallSites:N0} call sites (raw: binding them) | {bind:F1} | {Ms(nameof(GeneratorBenchmarks.FullRun)):F1} | {Ms(nameof(GeneratorBenchmarks.FullRun)) / bind:F2}x | < 1000 ms |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| interceptor generator, one file edited (raw: binding them again) | {bindAfterEdit:F1} | {Ms(nameof(GeneratorBenchmarks.IncrementalEdit)):F1} | {Ms(nameof(GeneratorBenchmarks.IncrementalEdit)) / bindAfterEdit:F2}x | < 50 ms |"));
}
