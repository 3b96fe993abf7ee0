using Torchbook.Notebooks.Formatters;
using Xunit;

namespace Torchbook.Notebooks.Tests
{
    public sealed class FormatterTests
    {
        [Fact]
        public void Attribute_is_found_by_name_in_any_namespace()
        {
            var bundle = ValueFormatter.Format(new ConventionSample.Gauge(0.5));
            Assert.Equal("<meter value=\"0.5\"></meter>", bundle["text/html"]);
            Assert.Equal("gauge at 50%", bundle["text/plain"]);
            Assert.Equal(["text/plain", "text/html"], bundle.Keys); // PreferredMimeTypes order
        }

        [Fact]
        public void Attribute_on_a_base_type_or_interface_applies_to_derived_types()
        {
            Assert.Equal("gauge at 25%", ValueFormatter.Format(new ConventionSample.RedGauge(0.25))["text/plain"]);
            Assert.Equal("shape!", ValueFormatter.Format(new ConventionSample.Square())["text/plain"]);
        }

        [Fact]
        public void Formatter_declining_a_value_falls_back_to_built_in()
        {
            var bundle = ValueFormatter.Format(new ConventionSample.Gauge(double.NaN));
            Assert.DoesNotContain("<meter", bundle["text/html"]); // the built-in property table instead
            Assert.Equal("gauge at NaN%", bundle["text/plain"]);
        }

        private sealed record Point(int X, string Name);

        [Fact]
        public void Sequence_of_records_is_an_html_table_with_a_column_per_property()
        {
            var bundle = ValueFormatter.Format(new[] { new Point(1, "a"), new Point(2, "<b>") });
            Assert.Equal(
                "<table><thead><tr><th>index</th><th>X</th><th>Name</th></tr></thead><tbody>" +
                "<tr><td>0</td><td>1</td><td>a</td></tr><tr><td>1</td><td>2</td><td>&lt;b&gt;</td></tr></tbody></table>",
                bundle["text/html"]);
            Assert.Equal("[ Point { X = 1, Name = a }, Point { X = 2, Name = <b> } ]", bundle["text/plain"]);
        }

        [Fact]
        public void Plain_values_and_null()
        {
            Assert.Equal("<null>", ValueFormatter.Format(null)["text/plain"]);
            Assert.Equal("hello", ValueFormatter.Format("hello")["text/plain"]);
            Assert.Equal("[ 1, 2, 3 ]", ValueFormatter.Format(new List<int> { 1, 2, 3 })["text/plain"]);
            Assert.Single(ValueFormatter.Format(42));
        }

        [Fact]
        public void Exception_shows_type_and_message()
        {
            var text = ValueFormatter.Format(new InvalidOperationException("bad state"))["text/plain"];
            Assert.StartsWith("System.InvalidOperationException: bad state", text);
        }

        [Fact]
        public void Requested_mime_type_restricts_the_bundle()
        {
            var bundle = ValueFormatter.Format(new ConventionSample.Gauge(0.5), "text/html");
            Assert.Equal(["text/html"], bundle.Keys);
        }
    }
}

namespace ConventionSample
{
    // A library's own attribute with the conventional name, unrelated to Torchbook.Formatting's type.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, Inherited = true)]
    internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;

        public string[]? PreferredMimeTypes { get; set; }
    }

    [TypeFormatterSource(typeof(GaugeFormatters), PreferredMimeTypes = ["text/plain", "text/html"])]
    internal class Gauge(double level)
    {
        public double Level { get; } = level;
    }

    internal sealed class RedGauge(double level) : Gauge(level);

    internal sealed class GaugeFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() =>
            [new DuckFormatter("text/html", g => double.IsNaN(((Gauge)g).Level) ? null : $"<meter value=\"{((Gauge)g).Level}\"></meter>"),
             new DuckFormatter("text/plain", g => $"gauge at {((Gauge)g).Level * 100}%")];
    }

    [TypeFormatterSource(typeof(ShapeFormatters))]
    internal interface IShape;

    internal sealed class Square : IShape;

    internal sealed class ShapeFormatters
    {
        public IEnumerable<object> CreateTypeFormatters() => [new DuckFormatter("text/plain", _ => "shape!")];
    }

    /// <summary>A formatter object known only by shape: MimeType and Format(object, TextWriter).</summary>
    internal sealed class DuckFormatter(string mimeType, Func<object, string?> render)
    {
        public string MimeType { get; } = mimeType;

        public bool Format(object instance, TextWriter writer)
        {
            if (render(instance) is not { } text) return false;
            writer.Write(text);
            return true;
        }
    }
}
