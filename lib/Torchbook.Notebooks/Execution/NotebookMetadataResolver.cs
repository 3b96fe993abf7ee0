using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Torchbook.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r</c> for a notebook: file paths relative to the notebook folder (Roslyn's script
/// resolver), and <c>nuget:</c> references from what <see cref="NuGetRestorer"/> restored before the
/// cell was compiled.
/// </summary>
internal sealed class NotebookMetadataResolver(string baseDirectory) : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver _files = ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory);
    private readonly ConcurrentDictionary<string, ImmutableArray<PortableExecutableReference>> _packages = new(StringComparer.OrdinalIgnoreCase);

    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>Makes <c>#r "<paramref name="reference"/>"</c> resolve to these assemblies.</summary>
    public void AddPackageReference(string reference, IEnumerable<string> assemblyPaths) =>
        _packages[Normalize(reference)] = [.. assemblyPaths.Select(p => MetadataReference.CreateFromFile(p))];

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            return _packages.TryGetValue(Normalize(reference), out var restored) ? restored : [];
        }
        var resolved = _files.ResolveReference(reference, baseFilePath ?? Path.Combine(BaseDirectory, "notebook.csx"), properties);
        foreach (var file in resolved)
        {
            if (file.FilePath is { } path) ReferencedLibraryLoader.Load(path);
        }
        return resolved;
    }

    public override bool ResolveMissingAssemblies => _files.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _files.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => BaseDirectory.GetHashCode(StringComparison.Ordinal);

    private static string Normalize(string reference) =>
        string.Join(",", reference["nuget:".Length..].Split(',').Select(p => p.Trim()));
}
