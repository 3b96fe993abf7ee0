using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Torchbook.Notebooks.Formatters;

/// <summary>
/// Finds a type's own formatters by the convention .NET Interactive discovers by reflection,
/// matched by NAME so that no assembly has to reference another's types:
/// <list type="bullet">
/// <item>an attribute whose type is named <c>TypeFormatterSourceAttribute</c> (any namespace) on the
/// type, a base type or an interface, whose first constructor argument is the source type
/// (.NET Interactive's property for it is <c>FormatterSourceType</c>; optional named argument
/// <c>PreferredMimeTypes</c>, a <c>string[]</c>);</item>
/// <item>the source has a parameterless constructor and a <c>CreateTypeFormatters()</c> method
/// returning an <see cref="IEnumerable"/> of formatter objects;</item>
/// <item>each formatter has a <c>string MimeType</c> property and a
/// <c>bool Format(object instance, TextWriter writer)</c> method.</item>
/// <item>the same attribute on an assembly declares formatters for types the assembly does not own;
/// each such formatter names its type with a <c>Type</c> property. These win over the type's own,
/// as explicitly registered formatters do in .NET Interactive.</item>
/// </list>
/// Checked against dotnet/interactive's sources (Microsoft.DotNet.Interactive.Formatting:
/// <c>TypeFormatterSourceAttribute(Type formatterSourceType)</c> with <c>FormatterSourceType</c> and
/// <c>PreferredMimeTypes</c>, AllowMultiple and Inherited; <c>ITypeFormatterSource.CreateTypeFormatters()</c>)
/// and a third-party library (TRexLib) that declares its own internal attribute of that name with a
/// plain <c>CreateTypeFormatters()</c> returning objects: the by-name convention.
/// </summary>
internal static class ConventionFormatters
{
    private const string AttributeName = "TypeFormatterSourceAttribute";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ConventionFormatter>> Cache = new();

    static ConventionFormatters()
    {
        // A newly loaded assembly may bring formatters for types seen before (#r of a library).
        AppDomain.CurrentDomain.AssemblyLoad += (_, _) => Cache.Clear();
    }

    /// <summary>The convention formatters that apply to <paramref name="type"/>, preferred MIME types first.</summary>
    public static IReadOnlyList<ConventionFormatter> For(Type type) => Cache.GetOrAdd(type, Discover);

    private static IReadOnlyList<ConventionFormatter> Discover(Type type)
    {
        var preferred = new List<string>();
        // Formatters a loaded library declares for the type win over the type's own, as a
        // Formatter.Register call wins in .NET Interactive (TorchSharp's Tensor declares one that
        // prints only its metadata; Torchbook's prints PyTorch's text).
        var found = FromAssemblies(type, preferred).ToList();
        foreach (var candidate in found.Count > 0 ? Enumerable.Empty<Type>() : SelfBasesAndInterfaces(type))
        {
            IList<CustomAttributeData> attributes;
            try
            {
                attributes = candidate.GetCustomAttributesData();
            }
            catch (Exception)
            {
                continue; // an attribute whose assembly cannot load: not ours to fail on
            }
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeType.Name != AttributeName) continue;
                if (attribute.ConstructorArguments.Count == 0 || attribute.ConstructorArguments[0].Value is not Type sourceType) continue;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.MemberName == "PreferredMimeTypes" && named.TypedValue.Value is IEnumerable<CustomAttributeTypedArgument> mimes)
                    {
                        preferred.AddRange(mimes.Select(m => m.Value as string).OfType<string>());
                    }
                }
                found.AddRange(CreateFromSource(sourceType, type));
            }
            if (found.Count > 0) break; // the most derived type that declares formatters wins
        }
        if (preferred.Count == 0) return found;
        return found.OrderBy(f => preferred.IndexOf(f.MimeType) is var i && i >= 0 ? i : int.MaxValue).ToList();
    }

    /// <summary>
    /// Formatters that loaded assemblies declare for types they do not own
    /// (<c>[assembly: TypeFormatterSource(...)]</c>); only those whose <c>Type</c> fits apply,
    /// the most specific type first.
    /// </summary>
    private static IEnumerable<ConventionFormatter> FromAssemblies(Type type, List<string> preferred)
    {
        var found = new List<(int Depth, ConventionFormatter Formatter)>();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic) continue;
            IList<CustomAttributeData> attributes;
            try
            {
                attributes = assembly.GetCustomAttributesData();
            }
            catch (Exception)
            {
                continue;
            }
            foreach (var attribute in attributes)
            {
                if (attribute.AttributeType.Name != AttributeName) continue;
                if (attribute.ConstructorArguments.Count == 0 || attribute.ConstructorArguments[0].Value is not Type sourceType) continue;
                var fromThis = CreateFromSource(sourceType, type, requireType: true).ToList();
                if (fromThis.Count == 0) continue;
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.MemberName == "PreferredMimeTypes" && named.TypedValue.Value is IEnumerable<CustomAttributeTypedArgument> mimes)
                        preferred.AddRange(mimes.Select(m => m.Value as string).OfType<string>());
                }
                found.AddRange(fromThis.Select(f => (Depth(type, f.HandledType!), f)));
            }
        }
        return found.OrderBy(f => f.Depth).Select(f => f.Formatter);
    }

    /// <summary>How far up from <paramref name="type"/> <paramref name="handled"/> is (interfaces last).</summary>
    private static int Depth(Type type, Type handled)
    {
        var depth = 0;
        for (var t = type; t is not null; t = t.BaseType, depth++)
            if (t == handled) return depth;
        return int.MaxValue;
    }

    private static IEnumerable<Type> SelfBasesAndInterfaces(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) yield return t;
        foreach (var i in type.GetInterfaces()) yield return i;
    }

    private static IEnumerable<ConventionFormatter> CreateFromSource(Type sourceType, Type valueType, bool requireType = false)
    {
        object? source;
        try
        {
            source = Activator.CreateInstance(sourceType, nonPublic: true);
        }
        catch (Exception)
        {
            yield break;
        }
        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
        // An explicit interface implementation (ITypeFormatterSource.CreateTypeFormatters) has a qualified name.
        create ??= sourceType.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic)
            .FirstOrDefault(m => m.Name.EndsWith(".CreateTypeFormatters", StringComparison.Ordinal) && m.GetParameters().Length == 0);
        if (create?.Invoke(source, null) is not IEnumerable formatters) yield break;

        foreach (var formatter in formatters)
        {
            if (formatter is null) continue;
            var formatterType = formatter.GetType();
            if (formatterType.GetProperty("MimeType")?.GetValue(formatter) is not string mimeType) continue;
            var format = formatterType.GetMethods(BindingFlags.Instance | BindingFlags.Public)
                .FirstOrDefault(m => m.Name == "Format" && m.ReturnType == typeof(bool)
                    && m.GetParameters() is [var p0, var p1] && p0.ParameterType == typeof(object) && p1.ParameterType == typeof(TextWriter));
            if (format is null) continue;
            // Formatters that say which type they handle (.NET Interactive's ITypeFormatter.Type) only apply to it.
            var handled = formatterType.GetProperty("Type")?.GetValue(formatter) as Type;
            if (handled is not null && !handled.IsAssignableFrom(valueType)) continue;
            if (requireType && handled is null) continue;
            yield return new ConventionFormatter(mimeType, formatter, format, handled);
        }
    }
}

/// <summary>One discovered formatter: a MIME type and the object that writes it.</summary>
internal sealed class ConventionFormatter(string mimeType, object target, MethodInfo format, Type? handledType = null)
{
    public string MimeType { get; } = mimeType;

    /// <summary>The type the formatter says it handles, if it says.</summary>
    public Type? HandledType { get; } = handledType;

    /// <summary>Writes <paramref name="value"/>; null when the formatter declined it.</summary>
    public string? TryFormat(object value)
    {
        using var writer = new StringWriter();
        try
        {
            return format.Invoke(target, [value, writer]) is true ? writer.ToString() : null;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // A formatter that throws must not hide the value: say what failed instead.
            return MimeType == "text/plain" ? $"<formatter {target.GetType().Name} failed: {e.InnerException.Message}>" : null;
        }
    }
}
