using Mockalloc.Cli;

// MSBuildLocator must run before any MSBuild or workspace type is loaded, so registration happens here
// and everything that touches those types lives in other methods (the JIT loads a method's types when
// it compiles it).
MsBuildBootstrap.Register();
return CliApp.Run(args, Console.Out, Console.Error);
