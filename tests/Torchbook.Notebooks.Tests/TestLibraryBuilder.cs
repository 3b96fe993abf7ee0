using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Torchbook.Notebooks.Tests;

/// <summary>
/// Compiles a small library (the shape of a training loop in lib/Torchbook) into its own folder, next
/// to its own copy of Torchbook.Formatting.dll, as a notebook finds a library built elsewhere.
/// </summary>
internal static class TestLibraryBuilder
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using Torchbook.Formatting;

        namespace TrainingLib;

        public static class Trainer
        {
            public static void Fit(int epochs)
            {
                var progress = Display.Show("epoch 0");
                for (var epoch = 1; epoch <= epochs; epoch++) progress.Update($"epoch {epoch}");
                Console.WriteLine("trained");
            }

            public static bool SharesHostFormatting(Type hostHandleType) => typeof(DisplayHandle) == hostHandleType;
        }

        [TypeFormatterSource(typeof(ChartFormatterSource))]
        public sealed class Chart
        {
            public string Title { get; set; } = "loss";
        }

        internal sealed class ChartFormatterSource
        {
            public IEnumerable<object> CreateTypeFormatters()
            {
                yield return new TypeFormatter<Chart>("text/html", (chart, writer) => { writer.Write($"<svg><title>{chart.Title}</title></svg>"); return true; });
            }
        }
        """;

    /// <summary>Builds TrainingLib.dll into <paramref name="folder"/> and returns its path.</summary>
    public static string Build(string folder)
    {
        Directory.CreateDirectory(folder);
        var formatting = typeof(Torchbook.Formatting.Display).Assembly.Location;
        var formattingCopy = Path.Combine(folder, Path.GetFileName(formatting));
        File.Copy(formatting, formattingCopy, overwrite: true);

        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { "System.Runtime.dll", "System.Private.CoreLib.dll", "System.Console.dll", "System.Collections.dll" }
            .Select(n => MetadataReference.CreateFromFile(Path.Combine(frameworkDir, n)))
            .Append(MetadataReference.CreateFromFile(formattingCopy));
        var compilation = CSharpCompilation.Create(
            "TrainingLib",
            [CSharpSyntaxTree.ParseText(Source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(folder, "TrainingLib.dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        return path;
    }
}
