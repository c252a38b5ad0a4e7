using System.Xml.Linq;

namespace Mockalloc.TestAttributes.Tests.EndToEnd;

/// <summary>One test's result in a TRX file.</summary>
/// <param name="Key">"Class/display name" with the class's namespace and any class prefix of the display name removed.</param>
/// <param name="Outcome">Passed, Failed, NotExecuted...</param>
/// <param name="Message">The error message, empty when none.</param>
public sealed record TrxResult(string Key, string Outcome, string Message);

/// <summary>Reads the results of a TRX file (the VSTest results format every framework's adapter writes).</summary>
public static class TrxReport
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TrxResult> Read(string path)
    {
        XDocument trx = XDocument.Load(path);
        Dictionary<string, string> classes = trx.Descendants(Ns + "UnitTest").ToDictionary(
            test => (string)test.Attribute("id")!,
            test => (string)test.Element(Ns + "TestMethod")!.Attribute("className")!);
        return trx.Descendants(Ns + "UnitTestResult")
            .Select(result =>
            {
                string className = classes[(string)result.Attribute("testId")!];
                string testName = (string)result.Attribute("testName")!;
                string shortClass = className[(className.LastIndexOf('.') + 1)..];
                string name = testName.StartsWith(className + ".", StringComparison.Ordinal) ? testName[(className.Length + 1)..] : testName;
                string message = result.Descendants(Ns + "ErrorInfo").Elements(Ns + "Message").Select(m => m.Value).FirstOrDefault() ?? "";
                return new TrxResult(shortClass + "/" + name, (string)result.Attribute("outcome")!, message);
            })
            .ToList();
    }
}
