using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Fody;
using Mockalloc.Fody;

namespace Mockalloc.Fody.Tests;

/// <summary>Weaves the fixture assemblies once (copies of them: the fixtures' own builds are not woven) and calls into them.</summary>
internal static class Woven
{
    private static readonly Lazy<TestResult> s_fixture = new(() => Weave("WeaverFixture"));
    private static readonly Lazy<TestResult> s_errors = new(() => Weave("WeaverErrorsFixture"));

    /// <summary>WeaverFixture, woven.</summary>
    public static TestResult Fixture => s_fixture.Value;

    /// <summary>WeaverErrorsFixture, woven (with the errors it must produce).</summary>
    public static TestResult Errors => s_errors.Value;

    /// <summary>The path of a fixture as the build copied it (unwoven).</summary>
    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".dll");

    /// <summary>Runs the weaver on a copy of a fixture and loads the result, its PDB embedded so stack traces have lines.</summary>
    public static TestResult Weave(string name) =>
        new ModuleWeaver().ExecuteTestRun(FixturePath(name), runPeVerify: false, writeSymbols: true);

    /// <summary>Calls a static method of the woven WeaverFixture; an exception it throws is rethrown as is.</summary>
    public static object? Call(string type, string method, params object?[] arguments) =>
        Invoke(Fixture.Assembly.GetType("WeaverFixture." + type, throwOnError: true)!.GetMethod(method)!, null, arguments);

    /// <summary>Invokes a method; an exception it throws is rethrown as is, with its stack trace.</summary>
    public static object? Invoke(MethodInfo method, object? instance, params object?[] arguments)
    {
        try
        {
            return method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The body of a static void method of the woven fixture, as an action for <see cref="Allocs.Record"/>.</summary>
    public static Action Body(string type, string method) => () => Call(type, method);

    /// <summary>The 1-based line of the fixture source that carries the marker comment <c>// @name</c>.</summary>
    public static int LineOf(string marker, string fixture = "WeaverFixture", [CallerFilePath] string here = "")
    {
        string fixtures = Path.Combine(Path.GetDirectoryName(here)!, "..", "Fixtures", fixture);
        foreach (string file in Directory.GetFiles(fixtures, "*.cs"))
        {
            string[] lines = File.ReadAllLines(file);
            int index = Array.FindIndex(lines, l => l.TrimEnd().EndsWith("// @" + marker, StringComparison.Ordinal));
            if (index >= 0)
            {
                return index + 1;
            }
        }

        throw new InvalidOperationException($"No line of the fixture is marked // @{marker}.");
    }
}
