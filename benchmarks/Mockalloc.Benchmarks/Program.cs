using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Mockalloc.Benchmarks;

// Usage: dotnet run -c Release -- [--short] [BenchmarkDotNet switcher arguments]
// --short: one launch, 4 warmups, 12 iterations: long enough that a 2-core machine's noise does not swamp
// a 15 ns operation, short enough for the whole table in about 15 minutes.
bool shortRun = args.Contains("--short");
string[] rest = args.Where(a => a != "--short").ToArray();
IConfig config = DefaultConfig.Instance;
if (shortRun)
{
    config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(12).WithId("short"));
}

IEnumerable<Summary> summaries = rest.Length == 0
    ? BenchmarkRunner.Run(typeof(Program).Assembly, config)
    : BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
RatioTable.Print(summaries, Console.Out);
