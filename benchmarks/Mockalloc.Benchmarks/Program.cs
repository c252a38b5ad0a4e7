using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Mockalloc.Benchmarks;

// Usage: dotnet run -c Release -- [--short] [BenchmarkDotNet switcher arguments]
bool shortRun = args.Contains("--short");
string[] rest = args.Where(a => a != "--short").ToArray();
IConfig config = DefaultConfig.Instance;
if (shortRun)
{
    config = config.AddJob(Job.ShortRun.WithId("short"));
}

IEnumerable<Summary> summaries = rest.Length == 0
    ? BenchmarkRunner.Run(typeof(Program).Assembly, config)
    : BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
RatioTable.Print(summaries, Console.Out);
