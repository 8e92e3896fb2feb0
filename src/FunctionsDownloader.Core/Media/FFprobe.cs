using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// Checks files with ffprobe. yt-dlp can exit 0 and leave an unusable file, so a download is
/// only trusted once ffprobe reads streams and a duration from it.
/// </summary>
public sealed class FFprobe(ToolLocator tools)
{
    /// <summary>The streams and duration of <paramref name="path"/>, every packet counted.</summary>
    /// <exception cref="MediaToolException">ffprobe cannot read the file as media.</exception>
    public Task<ProbeResult> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        string directory = Path.GetDirectoryName(path) ?? ".";
        return RunAsync(path, directory, countPackets: true, TimeSpan.FromMinutes(2), cancellationToken);
    }

    /// <summary>
    /// The streams and duration of a stored file, read through <paramref name="link"/> (a read-only
    /// SAS link) with range requests. Counting the packets reads the whole file again, so callers do
    /// it only when nothing else shows whether the file was cut short.
    /// </summary>
    /// <exception cref="MediaToolException">ffprobe cannot read the file as media.</exception>
    public Task<ProbeResult> ProbeLinkAsync(
        Uri link, string workingDirectory, bool countPackets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);

        // Reading a whole file over the network prints nothing until the end: allow for that.
        TimeSpan silence = TimeSpan.FromMinutes(countPackets ? 10 : 2);
        return RunAsync(link.AbsoluteUri, workingDirectory, countPackets, silence, cancellationToken);
    }

    private async Task<ProbeResult> RunAsync(
        string input, string workingDirectory, bool countPackets, TimeSpan silence, CancellationToken cancellationToken)
    {
        // -count_packets reads every packet header (no decoding): a file cut short shows fewer
        // packets than its index promises.
        List<string> args = ["-v", "error"];
        if (countPackets)
        {
            args.Add("-count_packets");
        }

        args.AddRange(["-print_format", "json", "-show_format", "-show_streams", "--", input]);
        var json = new StringBuilder();
        ToolResult result = await ToolProcess.RunAsync(
            ToolLocator.Ffprobe,
            tools.Resolve(ToolLocator.Ffprobe),
            args,
            workingDirectory,
            PipeTarget.ToStringBuilder(json),
            onStandardError: null,
            silence,
            cancellationToken);

        ProbeResult? probe = result.ExitCode == 0 ? Parse(json.ToString()) : null;
        if (probe is null || probe.Streams.Count == 0)
        {
            throw new MediaToolException(
                ToolLocator.Ffprobe,
                result.ExitCode,
                ErrorCodes.InvalidOutput,
                "The downloaded file is not readable media (the site may have sent a web page instead of the video).",
                result.StandardErrorTail);
        }

        return probe;
    }

    /// <summary>Reads ffprobe's JSON; <c>null</c> when it is not ffprobe JSON.</summary>
    public static ProbeResult? Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            var streams = new List<MediaStreamInfo>();
            if (root.TryGetProperty("streams", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement s in list.EnumerateArray())
                {
                    bool attached = s.TryGetProperty("disposition", out JsonElement d) &&
                        d.TryGetProperty("attached_pic", out JsonElement a) && a.ValueKind == JsonValueKind.Number &&
                        a.GetInt32() == 1;
                    streams.Add(new MediaStreamInfo(
                        Str(s, "codec_type") ?? "",
                        Str(s, "codec_name") ?? "",
                        Int(s, "width"),
                        Int(s, "height"),
                        attached)
                    {
                        DeclaredFrames = Long(s, "nb_frames"),
                        ReadPackets = Long(s, "nb_read_packets"),
                    });
                }
            }

            string formatName = "";
            double? duration = null;
            if (root.TryGetProperty("format", out JsonElement format))
            {
                formatName = Str(format, "format_name") ?? "";
                if (Str(format, "duration") is string d &&
                    double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    duration = seconds;
                }
            }

            return new ProbeResult(formatName, duration, streams);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // ffprobe writes these counts as strings.
    private static long? Long(JsonElement e, string name) =>
        Str(e, name) is string text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
