namespace Mockalloc.Cli;

/// <summary>Bad input (missing path, ambiguous folder, project that does not load): printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
