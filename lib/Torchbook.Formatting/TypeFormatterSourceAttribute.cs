namespace Torchbook.Formatting;

/// <summary>
/// Marks a type as having its own notebook formatters. Hosts find it by its name, not its
/// namespace: .NET Interactive looks for an attribute called <c>TypeFormatterSourceAttribute</c>
/// whose source type has a parameterless constructor and a <c>CreateTypeFormatters()</c> method
/// returning formatter objects, each with a <c>string MimeType</c> property and a
/// <c>bool Format(object instance, TextWriter writer)</c> method. Torchbook's engine uses the same
/// convention, so one library renders the same way in every host.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types the host should prefer for this type, best first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
