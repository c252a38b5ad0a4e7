using Mockalloc.Analyzers.Ownership;

namespace Mockalloc.Cli.Reports;

/// <summary>
/// rCanary's Z3GOAL for .NET: a method's ownership facts as SMT-LIB2. Each acquisition owns one bit
/// (<c>#b1</c> once acquired); each explored outcome of that resource is a bit equal to the ownership left
/// when that path ends (<c>#b0</c> after a release or a transfer, the acquisition's bit when it leaks).
/// The goal asserts that every path ends with nothing owned: z3 answers <c>sat</c> for a leak-free
/// method and <c>unsat</c> when some path leaks, as rCanary's encoding does.
/// </summary>
internal static class SmtWriter
{
    public static void Write(IReadOnlyList<MethodOwnership> methods, TextWriter output)
    {
        output.WriteLine("; mockalloc leak --explain --smt: ownership constraints (SMT-LIB2, QF_BV)");
        output.WriteLine("(set-logic QF_BV)");
        for (int m = 0; m < methods.Count; m++)
        {
            MethodOwnership method = methods[m];
            output.WriteLine($"; method {Comment(method.Method)}");
            for (int a = 0; a < method.Acquisitions.Count; a++)
            {
                AcquisitionOwnership acquisition = method.Acquisitions[a];
                string own = $"|m{m}_a{a}_acquire|";
                output.WriteLine($"; acquisition #{a}: {Comment(acquisition.Api)} at line {acquisition.Line}");
                output.WriteLine($"(declare-const {own} (_ BitVec 1))");
                output.WriteLine($"(assert (= {own} #b1))");
                IReadOnlyList<string> outcomes = acquisition.Outcomes.Count > 0 ? acquisition.Outcomes : ["no outcome recorded"];
                for (int o = 0; o < outcomes.Count; o++)
                {
                    string end = $"|m{m}_a{a}_path{o}|";
                    bool leaks = outcomes[o].StartsWith("leaked", StringComparison.Ordinal);
                    output.WriteLine($"; path {o}: {Comment(outcomes[o])}");
                    output.WriteLine($"(declare-const {end} (_ BitVec 1))");
                    output.WriteLine(leaks ? $"(assert (= {end} {own}))" : $"(assert (= {end} (bvand {own} #b0)))");
                    output.WriteLine($"(assert (= {end} #b0)) ; goal: nothing owned when the path ends");
                }
            }
        }

        output.WriteLine("(check-sat)");
    }

    private static string Comment(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
