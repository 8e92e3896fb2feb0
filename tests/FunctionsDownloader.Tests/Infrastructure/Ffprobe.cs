using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>ffprobe as the tests use it: an independent look at bytes the service produced.</summary>
public static class Ffprobe
{
    public sealed record Result(double Duration, IReadOnlyList<string> StreamTypes, IReadOnlyList<int> Heights)
    {
        public int Count(string codecType) => StreamTypes.Count(t => t == codecType);
    }

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
        foreach (JsonElement stream in json.RootElement.GetProperty("streams").EnumerateArray())
        {
            types.Add(stream.GetProperty("codec_type").GetString()!);
            if (stream.TryGetProperty("height", out JsonElement h))
            {
                heights.Add(h.GetInt32());
            }
        }

        double duration = double.Parse(
            json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return new Result(duration, types, heights);
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
