using Microsoft.Build.Locator;

namespace Mockalloc.Cli;

/// <summary>Registers the SDK's MSBuild once per process, before any MSBuild type is loaded.</summary>
internal static class MsBuildBootstrap
{
    public static void Register()
    {
        if (!MSBuildLocator.IsRegistered && MSBuildLocator.CanRegister)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
