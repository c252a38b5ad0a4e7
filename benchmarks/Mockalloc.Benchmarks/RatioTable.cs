using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mockalloc.Benchmarks;

/// <summary>
/// Prints the one table the project reports: each tracked operation against the raw BCL call measured in
/// the same run (the baseline of its class with the same parameters), as a ratio.
/// </summary>
internal static class RatioTable
{
    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| operation | raw ns | tracked ns | ratio | bytes/op |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports.Where(r => !r.BenchmarkCase.Descriptor.Baseline))
            {
                BenchmarkReport? raw = summary.Reports.FirstOrDefault(r =>
                    r.BenchmarkCase.Descriptor.Baseline && r.BenchmarkCase.Parameters.DisplayInfo == report.BenchmarkCase.Parameters.DisplayInfo);
                double? rawNs = raw?.ResultStatistics?.Mean;
                double? trackedNs = report.ResultStatistics?.Mean;
                long bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Name(report.BenchmarkCase)} | {rawNs:F1} | {trackedNs:F1} | {trackedNs / rawNs:F2}x | {bytes} |"));
            }
        }
    }

    private static string Name(BenchmarkCase benchmark)
    {
        string parameters = benchmark.Parameters.DisplayInfo;
        return parameters.Length == 0 || parameters == "[]"
            ? benchmark.Descriptor.WorkloadMethodDisplayInfo
            : $"{benchmark.Descriptor.WorkloadMethodDisplayInfo} {parameters}";
    }
}
