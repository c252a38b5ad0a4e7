namespace Mockalloc.Analyzers.Tests;

/// <summary>MA1001 (orphan object): every corpus file under Corpus/MA1001 reports exactly its marked lines.</summary>
public sealed class OrphanObjectTests
{
    public static IEnumerable<object[]> Files => AnalyzerHarness.CorpusFiles("MA1001");

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_reports_exactly_the_marked_lines(string file)
    {
        (string expected, string actual, string messages) = AnalyzerHarness.CheckCorpusFile(file);
        Assert.True(expected.Length > 0, "a corpus file must mark at least one leak");
        Assert.True(expected == actual, $"expected:\n{expected}\nactual:\n{actual}\n\n{messages}");
    }
}
