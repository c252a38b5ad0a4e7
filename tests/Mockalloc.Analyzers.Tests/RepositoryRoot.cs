namespace Mockalloc.Analyzers.Tests;

/// <summary>Finds the repository root (the folder holding Mockalloc.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mockalloc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mockalloc.sln not found above " + AppContext.BaseDirectory);
    }
}
