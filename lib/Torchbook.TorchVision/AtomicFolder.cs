namespace Torchbook.Vision;

/// <summary>
/// How the generated data sets (<see cref="FacesImageFolder"/>, <see cref="Cifar10StandIn"/>) are written: into a
/// temporary sibling folder that is renamed into place when complete, so an interrupted run leaves nothing
/// half-written, and not at all when the folder is already there.
/// </summary>
internal static class AtomicFolder
{
    /// <summary>
    /// Returns <paramref name="full"/> at once when <paramref name="present"/> says it is complete; otherwise runs
    /// <paramref name="write"/> on a temporary folder and renames that to <paramref name="full"/> (replacing an
    /// incomplete or older copy, keeping one another process completed meanwhile).
    /// </summary>
    public static string Create(string full, Func<bool> present, Action<string> write)
    {
        if (present()) return full;
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(temporary);
            write(temporary);
            if (present()) return full;
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            Directory.Move(temporary, full);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        return full;
    }
}
