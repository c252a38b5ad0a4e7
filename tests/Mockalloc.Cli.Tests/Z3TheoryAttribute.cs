namespace Mockalloc.Cli.Tests;

/// <summary>A theory that is skipped, with a message, when z3 is not on PATH (CI does not depend on it).</summary>
public sealed class Z3TheoryAttribute : TheoryAttribute
{
    public Z3TheoryAttribute()
    {
        if (Z3Path is null)
        {
            Skip = "z3 is not on PATH: install it (apt-get install z3) to check the SMT-LIB2 output";
        }
    }

    public static string? Z3Path { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "z3"))
            .FirstOrDefault(File.Exists);
}
