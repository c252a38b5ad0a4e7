using Mockalloc.Cli;

// MSBuildLocator must run before any MSBuild or workspace type is loaded, so registration happens here
// and everything that touches those types lives in other methods (the JIT loads a method's types when
// it compiles it). Whatever escapes is printed as one line with exit code 2, never as a stack trace.
try
{
    MsBuildBootstrap.Register();
}
catch (Exception e)
{
    return ErrorLine.Print(Console.Error, "could not find the .NET SDK's MSBuild to load projects with", e, "Install a .NET SDK (`dotnet --list-sdks` lists them) or set DOTNET_ROOT to one");
}

try
{
    return CliApp.Run(args, Console.Out, Console.Error);
}
catch (Exception e)
{
    return ErrorLine.Print(Console.Error, "failed unexpectedly", e, "Run again with --verbose; if it persists, report it with the command line");
}
