using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsDownloader.Bench.Reporting;

/// <summary>The figures of one run and the machine they came from, printed and written as Markdown and JSON.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,

        // A file for people and scripts, never embedded in HTML: "≤" and "×" as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<Figure> _figures = [];

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Facts about the machine and the run (cores, load, tool versions, input sizes).</summary>
    public SortedDictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>The figures so far.</summary>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <summary>Adds <paramref name="figure"/> and prints it.</summary>
    public void Add(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _figures.Add(figure);
        Console.WriteLine("bench: " + Line(figure));
    }

    /// <summary>The results as a Markdown document.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine("# Benchmark results")
            .AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture, $"Run of {StartedAt:yyyy-MM-dd HH:mm} UTC, written by `bench/run.sh`.")
            .AppendLine()
            .AppendLine("| | figure | service | reference | ratio | target | met |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (Figure f in _figures)
        {
            string service = Value(f.Service, f.Unit);
            string reference = Value(f.Reference, f.Unit);
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"| {f.Id} | {f.What} | {service} | {reference} | {RatioText(f)} | {f.Target} | {MetText(f)} |");
        }

        text.AppendLine().AppendLine("Notes:").AppendLine();
        foreach (Figure f in _figures.Where(f => f.Note.Length > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {f.Id}: {f.Note}");
        }

        text.AppendLine().AppendLine("Machine and run:").AppendLine();
        foreach ((string key, string value) in Facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        return text.ToString();
    }

    /// <summary>Writes <c>latest.md</c> and <c>latest.json</c> into <paramref name="directory"/>.</summary>
    public async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.md"), ToMarkdown(), cancellationToken);
        var document = new
        {
            StartedAt,
            Facts,
            Figures = _figures.Select(f => new
            {
                f.Id,
                f.What,
                f.Unit,
                f.Service,
                f.Reference,
                f.Ratio,
                f.Target,
                f.Met,
                f.ServiceRuns,
                f.ReferenceRuns,
                f.Note,
            }),
        };
        await File.WriteAllTextAsync(
            Path.Combine(directory, "latest.json"), JsonSerializer.Serialize(document, Json) + "\n", cancellationToken);
    }

    private static string Line(Figure f) =>
        $"{f.Id,-14} service {Value(f.Service, f.Unit),-12} reference {Value(f.Reference, f.Unit),-12} " +
        $"ratio {RatioText(f),-7} target {f.Target,-22} {MetText(f)} {f.Note}";

    private static string Value(double value, string unit) =>
        double.IsNaN(value) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {unit}");

    private static string RatioText(Figure f) =>
        double.IsNaN(f.Ratio) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{f.Ratio:0.00}×");

    private static string MetText(Figure f) => f.Met switch
    {
        true => "yes",
        false => "NO",
        null => f.Note.StartsWith("skipped", StringComparison.Ordinal) ? "skipped" : "–",
    };
}
