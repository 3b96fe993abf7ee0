using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Torchbook.Formatting;
using Torchbook.Notebooks.Model;

namespace Torchbook.Notebooks.Formatters;

/// <summary>
/// Turns a value into the MIME bundle a notebook shows: the type's own formatters first (the
/// TypeFormatterSource convention), then built-ins: text/plain for everything, HTML tables for
/// sequences and plain objects, exceptions as their message and stack.
/// </summary>
public static class ValueFormatter
{
    /// <summary>How many items of a sequence are shown before "(more)".</summary>
    public const int MaxItems = 100;

    /// <summary>The bundle for <paramref name="value"/>; with <paramref name="mimeType"/>, only that type (and text/plain when nothing else fits).</summary>
    public static MimeBundle Format(object? value, string? mimeType = null)
    {
        var bundle = new MimeBundle();
        if (value is null)
        {
            bundle[MimeTypes.PlainText] = "<null>";
            return bundle;
        }

        // HTML(...) of the .NET Interactive kernel helpers (ASP.NET's IHtmlContent) is its own markup.
        if (IsHtmlContent(value.GetType()) && mimeType is null or MimeTypes.Html)
        {
            bundle[MimeTypes.Html] = value.ToString() ?? "";
            return bundle;
        }

        foreach (var formatter in ConventionFormatters.For(value.GetType()))
        {
            if (bundle.ContainsKey(formatter.MimeType)) continue;
            if (mimeType is not null && formatter.MimeType != mimeType) continue;
            if (formatter.TryFormat(value) is { } text) bundle[formatter.MimeType] = text;
        }

        if (mimeType is null or MimeTypes.Html && !bundle.ContainsKey(MimeTypes.Html) && BuiltInHtml(value) is { } html)
        {
            bundle[MimeTypes.Html] = html;
        }
        if (!bundle.ContainsKey(MimeTypes.PlainText) && (mimeType is null or MimeTypes.PlainText || bundle.Count == 0))
        {
            bundle[MimeTypes.PlainText] = PlainText(value);
        }
        return bundle;
    }

    private static bool IsHtmlContent(Type type) =>
        type.GetInterfaces().Any(i => i.FullName == "Microsoft.AspNetCore.Html.IHtmlContent");

    /// <summary>The built-in plain-text form of a value.</summary>
    public static string PlainText(object? value)
    {
        switch (value)
        {
            case null: return "<null>";
            case string s: return s;
            case Exception e: return e.ToString();
            case IFormattable f when IsScalar(value.GetType()): return f.ToString(null, CultureInfo.CurrentCulture);
            case IDictionary dictionary:
                return "{ " + string.Join(", ", Take(dictionary.Cast<object>()).Select(e => e is DictionaryEntry d ? $"{ScalarText(d.Key)}: {ScalarText(d.Value)}" : ScalarText(e))) + " }";
            case IEnumerable sequence:
                var items = Take(sequence.Cast<object?>()).ToList();
                var more = items.Count > MaxItems ? ", ..." : "";
                return "[ " + string.Join(", ", items.Take(MaxItems).Select(ScalarText)) + more + " ]";
        }
        return HasOwnToString(value.GetType()) ? value.ToString() ?? "" : ObjectText(value);
    }

    private static string? BuiltInHtml(object value)
    {
        if (value is string || IsScalar(value.GetType()) || value is Exception) return null;
        if (value is IDictionary dictionary)
        {
            var rows = Take(dictionary.Cast<DictionaryEntry>()).ToList();
            return Table(["key", "value"], rows.Take(MaxItems).Select(r => new[] { ScalarText(r.Key), ScalarText(r.Value) }), rows.Count > MaxItems);
        }
        if (value is IEnumerable sequence)
        {
            var items = Take(sequence.Cast<object?>()).ToList();
            var shown = items.Take(MaxItems).ToList();
            var elementType = shown.FirstOrDefault(i => i is not null)?.GetType();
            var more = items.Count > MaxItems;
            if (elementType is null || IsScalar(elementType) || elementType == typeof(string))
            {
                return Table(["index", "value"], shown.Select((item, i) => new[] { i.ToString(CultureInfo.InvariantCulture), ScalarText(item) }), more);
            }
            // A sequence of records or objects: one row each, one column per public property or field.
            var members = Members(elementType);
            return Table(["index", .. members.Select(m => m.Name)],
                shown.Select((item, i) => new[] { i.ToString(CultureInfo.InvariantCulture) }
                    .Concat(members.Select(m => item is not null && m.DeclaringType!.IsInstanceOfType(item) ? ScalarText(Read(m, item)) : "")).ToArray()),
                more);
        }
        var props = Members(value.GetType());
        if (props.Count == 0) return null;
        return Table(["property", "value"], props.Select(m => new[] { m.Name, ScalarText(Read(m, value)) }), false);
    }

    private static string Table(IReadOnlyList<string> headers, IEnumerable<string[]> rows, bool more)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var h in headers) html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        if (more) html.Append("<tr><td colspan=\"").Append(headers.Count).Append("\">(more)</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static IEnumerable<T> Take<T>(IEnumerable<T> items) => items.Take(MaxItems + 1);

    private static string ScalarText(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        IFormattable f when IsScalar(value.GetType()) => f.ToString(null, CultureInfo.CurrentCulture),
        _ when HasOwnToString(value.GetType()) => value.ToString() ?? "",
        IEnumerable e => PlainText(e),
        _ => value.GetType().Name,
    };

    private static string ObjectText(object value)
    {
        var members = Members(value.GetType());
        return $"{TypeName(value.GetType())} {{ {string.Join(", ", members.Select(m => $"{m.Name} = {ScalarText(Read(m, value))}"))} }}";
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Half) || type == typeof(DateOnly) || type == typeof(TimeOnly);

    private static bool HasOwnToString(Type type) =>
        type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType is { } declaring
        && declaring != typeof(object) && declaring != typeof(ValueType);

    private static List<MemberInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Cast<MemberInfo>()
            .Concat(type.GetFields(BindingFlags.Instance | BindingFlags.Public))
            .ToList();

    private static object? Read(MemberInfo member, object target)
    {
        try
        {
            return member switch
            {
                PropertyInfo p => p.GetValue(target),
                FieldInfo f => f.GetValue(target),
                _ => null,
            };
        }
        catch (TargetInvocationException e)
        {
            return $"<{e.InnerException?.GetType().Name}>";
        }
    }

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
