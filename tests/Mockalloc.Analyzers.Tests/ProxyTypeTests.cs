namespace Mockalloc.Analyzers.Tests;

/// <summary>MA1002 (proxy type): every corpus file under Corpus/MA1002 reports exactly its marked fields.</summary>
public sealed class ProxyTypeTests
{
    public static IEnumerable<object[]> Files => AnalyzerHarness.CorpusFiles("MA1002");

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_reports_exactly_the_marked_fields(string file)
    {
        (string expected, string actual, string messages) = AnalyzerHarness.CheckCorpusFile(file);
        Assert.True(expected.Length > 0, "a corpus file must mark at least one proxy field");
        Assert.True(expected == actual, $"expected:\n{expected}\nactual:\n{actual}\n\n{messages}");
    }
}
