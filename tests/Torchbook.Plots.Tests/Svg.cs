using System.Xml.Linq;

namespace Torchbook.Plots.Tests;

/// <summary>Helpers to read the charts' SVG in tests.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(Chart chart) => XDocument.Parse(chart.ToSvg()).Root!;

    public static bool HasClass(this XElement e, string cls) =>
        ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true;

    public static IEnumerable<XElement> WithClass(this XElement root, string cls) =>
        root.Descendants().Where(e => e.HasClass(cls));

    public static XElement Single(this XElement root, string cls) => root.WithClass(cls).Single();

    public static List<string> TickLabels(this XElement root, string axisClass) =>
        root.WithClass(axisClass).Single().Elements(Ns + "text").Select(t => t.Value).ToList();

    public static double Num(this XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);
}
