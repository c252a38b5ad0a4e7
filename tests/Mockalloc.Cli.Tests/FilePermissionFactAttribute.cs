namespace Mockalloc.Cli.Tests;

/// <summary>
/// A fact that needs POSIX file modes to deny a read: skipped, with a message, on Windows, and when the
/// tests run as root without <c>setpriv</c> (root reads a mode-000 folder; see <see cref="CliRunner.Setpriv"/>).
/// </summary>
public sealed class FilePermissionFactAttribute : FactAttribute
{
    public FilePermissionFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "file modes are POSIX: Windows denies reads through ACLs";
        }
        else if (Environment.IsPrivilegedProcess && CliRunner.Setpriv is null)
        {
            Skip = "running as root without setpriv (util-linux): a mode-000 folder stays readable to the tool";
        }
    }
}
