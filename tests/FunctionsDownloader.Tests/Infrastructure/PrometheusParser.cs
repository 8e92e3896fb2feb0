using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>
/// Reads a Prometheus exposition with the Prometheus project's Python client library (no .NET parser
/// of the format is published): its text-format parser, or its stricter OpenMetrics parser. Debian's
/// <c>python3-prometheus-client</c> provides it (scripts/setup.sh installs it). A malformed
/// exposition fails the test with the parser's error.
/// </summary>
public static class PrometheusParser
{
    private const string Python = "/usr/bin/python3";

    /// <summary>The families' types and every sample, keyed <c>name{label="value",…}</c>, labels sorted.</summary>
    public sealed record Exposition(
        IReadOnlyDictionary<string, string> Types,
        IReadOnlyDictionary<string, double> Samples)
    {
        public double this[string series] =>
            Samples.TryGetValue(series, out double value)
                ? value
                : throw new KeyNotFoundException(
                    $"No sample {series}; the samples are: {string.Join(", ", Samples.Keys)}");
    }

    /// <summary>Parses the text format 0.0.4.</summary>
    public static Task<Exposition> ParseTextAsync(string text) => ParseAsync(text, "text");

    /// <summary>Parses OpenMetrics 1.0.</summary>
    public static Task<Exposition> ParseOpenMetricsAsync(string text) => ParseAsync(text, "openmetrics");

    private static async Task<Exposition> ParseAsync(string text, string format)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryPaths.Combine(
            "tests", "FunctionsDownloader.Tests", "Infrastructure", "prometheus_parse.py"));
        start.ArgumentList.Add(format);

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new FormatException($"The {format} parser refused the exposition: {await stderr}\n{text}");
        }

        using JsonDocument families = JsonDocument.Parse(await stdout);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (JsonElement family in families.RootElement.EnumerateArray())
        {
            // The text parser starts a new family whenever the name changes: a name seen twice means
            // the family's lines were not kept together, which the format forbids.
            string name = family.GetProperty("name").GetString()!;
            if (!types.TryAdd(name, family.GetProperty("type").GetString()!))
            {
                throw new FormatException($"The lines of the family {name} are not in one group.\n{text}");
            }

            foreach (JsonElement sample in family.GetProperty("samples").EnumerateArray())
            {
                string key = Key(sample);
                if (!samples.TryAdd(key, Number(sample.GetProperty("value"))))
                {
                    throw new FormatException($"The sample {key} is there twice.\n{text}");
                }
            }
        }

        return new Exposition(types, samples);
    }

    private static string Key(JsonElement sample)
    {
        string[] labels =
        [
            .. sample.GetProperty("labels").EnumerateObject()
                .OrderBy(l => l.Name, StringComparer.Ordinal)
                .Select(l => $"{l.Name}=\"{LabelValue(l.Name, l.Value.GetString()!)}\""),
        ];
        string name = sample.GetProperty("name").GetString()!;
        return labels.Length == 0 ? name : $"{name}{{{string.Join(",", labels)}}}";
    }

    /// <summary>
    /// A bucket bound in one spelling: the text format writes <c>le="1"</c>, OpenMetrics <c>le="1.0"</c>.
    /// </summary>
    private static string LabelValue(string name, string value) => name is "le" or "quantile"
        ? Format(Number(value))
        : value;

    private static string Format(double value) => double.IsPositiveInfinity(value)
        ? "+Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? Number(value.GetString()!)
        : value.GetDouble();

    private static double Number(string text) =>
        double.Parse(text.Replace("Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
