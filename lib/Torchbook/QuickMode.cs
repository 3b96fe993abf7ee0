namespace Torchbook;

/// <summary>
/// Quick mode: every chapter's parameters cell picks smaller values (fewer epochs, fewer images)
/// when it is on, so that a whole chapter runs in a minute or two. It is on when the environment
/// variable <c>TORCHBOOK_QUICK</c> is <c>1</c> or <c>true</c>: <c>torchbook run --quick</c> and
/// <c>./build.sh --quick</c> set it, and so can you before starting VS Code or Jupyter. The same
/// switch therefore works in every host.
/// </summary>
public static class QuickMode
{
    /// <summary>The environment variable that turns quick mode on.</summary>
    public const string EnvironmentVariable = "TORCHBOOK_QUICK";

    /// <summary>True when <c>TORCHBOOK_QUICK</c> is <c>1</c> or <c>true</c>.</summary>
    public static bool IsOn =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() is "1" or "true";
}
