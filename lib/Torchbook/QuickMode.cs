namespace Torchbook;

/// <summary>
/// Quick mode: every chapter's parameters cell picks smaller values (fewer epochs, fewer images)
/// when it is on, so that a whole chapter runs in a minute or two. It is on when the environment
/// variable <c>TORCHBOOK_QUICK</c> is <c>1</c>, <c>true</c>, <c>yes</c> or <c>on</c>:
/// <c>torchbook run --quick</c> and <c>./build.sh --quick</c> set it, and so can you before starting
/// VS Code or Jupyter. The same switch therefore works in every host.
/// </summary>
public static class QuickMode
{
    /// <summary>The environment variable that turns quick mode on.</summary>
    public const string EnvironmentVariable = "TORCHBOOK_QUICK";

    /// <summary>True when <c>TORCHBOOK_QUICK</c> says on; false when it is unset, empty or says off.</summary>
    /// <exception cref="InvalidOperationException">Any other value: a typo should not silently start a full run.</exception>
    public static bool IsOn => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The meaning of a value of <c>TORCHBOOK_QUICK</c> (null: unset).</summary>
    public static bool Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "no" or "off" => false,
        "1" or "true" or "yes" or "on" => true,
        _ => throw new InvalidOperationException(
            $"{EnvironmentVariable} is '{value}': set it to 1 for quick mode or 0 (or leave it unset) for the full run."),
    };
}
