using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>ffprobe as the tests use it: an independent look at bytes the service produced.</summary>
public static class Ffprobe
{
    public sealed record Result(double Duration, IReadOnlyList<string> StreamTypes, IReadOnlyList<int> Heights)
    {
        /// <summary>The container as ffprobe names it (<c>mov,mp4,m4a,3gp,3g2,mj2</c>, <c>matroska,webm</c>).</summary>
        public string FormatName { get; init; } = "";

        /// <summary>The container's tags (title, artist…), names in lower case.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

        /// <summary>Every stream: type, codec, and whether it is cover art.</summary>
        public IReadOnlyList<StreamInfo> Streams { get; init; } = [];

        public int Count(string codecType) => StreamTypes.Count(t => t == codecType);
    }

    /// <summary>One stream of a probed file.</summary>
    public sealed record StreamInfo(string Type, string Codec, int? Height, bool IsAttachedPicture);

    public static async Task<Result> ProbeAsync(string path)
    {
        var start = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffprobe failed on {path}: {await stderr}");

        using JsonDocument json = JsonDocument.Parse(await stdout);
        var types = new List<string>();
        var heights = new List<int>();
        var streams = new List<StreamInfo>();
        foreach (JsonElement stream in json.RootElement.GetProperty("streams").EnumerateArray())
        {
            string type = stream.GetProperty("codec_type").GetString()!;
            types.Add(type);
            int? height = stream.TryGetProperty("height", out JsonElement h) ? h.GetInt32() : null;
            if (height is int value)
            {
                heights.Add(value);
            }

            bool attached = stream.TryGetProperty("disposition", out JsonElement d) &&
                d.TryGetProperty("attached_pic", out JsonElement a) && a.GetInt32() == 1;
            string codec = stream.TryGetProperty("codec_name", out JsonElement c) ? c.GetString() ?? "" : "";
            streams.Add(new StreamInfo(type, codec, height, attached));
        }

        JsonElement format = json.RootElement.GetProperty("format");
        double duration = double.Parse(format.GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (format.TryGetProperty("tags", out JsonElement tagObject))
        {
            foreach (JsonProperty tag in tagObject.EnumerateObject())
            {
                tags[tag.Name.ToLowerInvariant()] = tag.Value.GetString() ?? "";
            }
        }

        return new Result(duration, types, heights)
        {
            FormatName = format.GetProperty("format_name").GetString() ?? "",
            Tags = tags,
            Streams = streams,
        };
    }

    /// <summary>Downloads <paramref name="url"/> with a plain GET into a temp file and probes it.</summary>
    public static async Task<(Result Probe, long Length, HttpResponseMessage Response)> DownloadAndProbeAsync(Uri url)
    {
        using var http = new HttpClient();
        HttpResponseMessage response = await http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET of the file link answered {(int)response.StatusCode}");
        string path = Path.Combine(Path.GetTempPath(), "fd-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            byte[] bytes = await response.Content.ReadAsByteArrayAsync();
            await File.WriteAllBytesAsync(path, bytes);
            return (await ProbeAsync(path), bytes.LongLength, response);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
