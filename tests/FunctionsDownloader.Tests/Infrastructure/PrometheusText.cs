using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4 (no .NET parser is published):
/// HELP and TYPE at most once per family and before its samples, each family's samples in one
/// group, valid metric and label names, escaped label values, float values, no duplicate series,
/// and histograms with an <c>le</c> on every bucket, cumulative counts and a <c>+Inf</c> bucket equal to
/// <c>_count</c>. Any violation throws <see cref="FormatException"/> naming the line.
/// </summary>
public static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>The families' types and every sample, keyed <c>name{label="value",…}</c> with labels sorted.</summary>
    public sealed record Exposition(
        IReadOnlyDictionary<string, string> Types,
        IReadOnlyDictionary<string, double> Samples)
    {
        public double this[string series] =>
            Samples.TryGetValue(series, out double value)
                ? value
                : throw new KeyNotFoundException($"No sample {series}.");
    }

    public static Exposition Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition does not end with a line feed.");
        }

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var histograms = new List<HistogramSample>();
        string? current = null;

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                Match meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    continue; // a plain comment
                }

                string name = meta.Groups["name"].Value;
                Require(MetricName().IsMatch(name), number, $"'{name}' is not a metric name");
                string kind = meta.Groups["kind"].Value;
                Require(!sampled.Contains(name), number, $"{kind} of '{name}' comes after its samples");
                if (kind == "TYPE")
                {
                    string type = meta.Groups["rest"].Value;
                    Require(Types.Contains(type), number, $"unknown type '{type}'");
                    Require(types.TryAdd(name, type), number, $"a second TYPE for '{name}'");
                }
                else
                {
                    Require(helps.Add(name), number, $"a second HELP for '{name}'");
                }

                SwitchFamily(ref current, name, finished, number);
                continue;
            }

            (string metric, Dictionary<string, string> labels, double value) = ParseSample(line, number);
            string family = FamilyOf(metric, types);
            SwitchFamily(ref current, family, finished, number);
            sampled.Add(family);
            string key = Key(metric, labels);
            Require(samples.TryAdd(key, value), number, $"a second sample of {key}");
            if (types.GetValueOrDefault(family) == "histogram")
            {
                string suffix = metric[family.Length..];
                Require(suffix is "_bucket" or "_sum" or "_count", number, $"'{metric}' is not a histogram series");
                Require(suffix != "_bucket" || labels.ContainsKey("le"), number, "a histogram bucket without 'le'");
                histograms.Add(new HistogramSample(family, labels, suffix, value, number));
            }
        }

        CheckHistograms(histograms);
        return new Exposition(types, samples);
    }

    private static (string Metric, Dictionary<string, string> Labels, double Value) ParseSample(string line, int number)
    {
        Match name = SampleName().Match(line);
        Require(name.Success, number, "no metric name");
        int position = name.Length;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (position < line.Length && line[position] != '}')
            {
                Match label = LabelStart().Match(line, position);
                Require(label.Success && label.Index == position, number, "a malformed label");
                position += label.Length;
                var value = new StringBuilder();
                while (true)
                {
                    Require(position < line.Length, number, "an unterminated label value");
                    char c = line[position++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        Require(position < line.Length, number, "a dangling escape");
                        char escaped = line[position++];
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"Line {number}: the escape '\\{escaped}' is not allowed."),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                Require(labels.TryAdd(label.Groups["name"].Value, value.ToString()), number, "a repeated label");
                if (position < line.Length && line[position] == ',')
                {
                    position++;
                }
            }

            Require(position < line.Length, number, "an unterminated label set");
            position++;
        }

        string[] rest = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Require(
            line.Length > position && line[position] == ' ' && rest.Length is 1 or 2,
            number,
            "not 'value [timestamp]' after the name");
        Require(
            rest.Length == 1 ||
                long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            number,
            "a timestamp that is not an integer");
        return (name.Value, labels, ParseValue(rest[0], number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"Line {number}: '{text}' is not a value."),
    };

    private static void CheckHistograms(List<HistogramSample> samples)
    {
        foreach (var series in samples.GroupBy(s => Key(s.Family, s.Labels.Where(l => l.Key != "le").ToDictionary())))
        {
            var buckets = series.Where(s => s.Suffix == "_bucket")
                .Select(s => (Bound: ParseValue(s.Labels["le"], s.Line), s.Value, s.Line))
                .OrderBy(b => b.Bound)
                .ToList();
            double count = series.Single(s => s.Suffix == "_count").Value;
            _ = series.Single(s => s.Suffix == "_sum");
            Require(
                buckets.Count > 0 && double.IsPositiveInfinity(buckets[^1].Bound),
                series.First().Line,
                $"{series.Key} has no +Inf bucket");
            for (int i = 1; i < buckets.Count; i++)
            {
                Require(
                    buckets[i].Value >= buckets[i - 1].Value,
                    buckets[i].Line,
                    $"{series.Key}'s buckets are not cumulative");
            }

            Require(buckets[^1].Value == count, buckets[^1].Line, $"{series.Key}'s +Inf bucket differs from its count");
        }
    }

    private static void SwitchFamily(ref string? current, string family, HashSet<string> finished, int number)
    {
        if (current == family)
        {
            return;
        }

        Require(!finished.Contains(family), number, $"the lines of '{family}' are not in one group");
        if (current is not null)
        {
            finished.Add(current);
        }

        current = family;
    }

    private static string FamilyOf(string metric, IReadOnlyDictionary<string, string> types)
    {
        string series = metric.Split('{')[0];
        foreach (string suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) &&
                types.GetValueOrDefault(series[..^suffix.Length]) is "histogram" or "summary")
            {
                return series[..^suffix.Length];
            }
        }

        return series;
    }

    private static string Key(string metric, Dictionary<string, string> labels)
    {
        IEnumerable<string> pairs =
            labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"");
        return labels.Count == 0 ? metric : $"{metric}{{{string.Join(",", pairs)}}}";
    }

    private static void Require(bool condition, int line, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"Line {line}: {problem}.");
        }
    }

    private sealed record HistogramSample(
        string Family, Dictionary<string, string> Labels, string Suffix, double Value, int Line);

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>\S+)(?: (?<rest>.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex("\\G(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"")]
    private static partial Regex LabelStart();
}
