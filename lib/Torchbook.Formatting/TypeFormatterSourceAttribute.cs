namespace Torchbook.Formatting;

/// <summary>
/// Marks a type as having its own notebook formatters. Hosts find it by its name, not its
/// namespace: .NET Interactive looks for an attribute called <c>TypeFormatterSourceAttribute</c>
/// whose source type has a parameterless constructor and a <c>CreateTypeFormatters()</c> method
/// returning formatter objects, each with a <c>string MimeType</c> property and a
/// <c>bool Format(object instance, TextWriter writer)</c> method. Torchbook's engine uses the same
/// convention, so one library renders the same way in every host.
/// </summary>
/// <remarks>
/// On an assembly (<c>[assembly: TypeFormatterSource(typeof(S))]</c>) it gives formatters for types
/// the assembly does not own, such as TorchSharp's <c>Tensor</c>: each formatter then says which
/// type it handles through a <c>Type</c> property, and Torchbook's hosts apply it to that type and
/// its subclasses once the assembly is loaded. A type's own attribute wins over an assembly's.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Assembly, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types the host should prefer for this type, best first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
