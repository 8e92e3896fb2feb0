using System.Text.Json;

namespace FunctionsDownloader.MediaSite.Tests;

/// <summary>Reads the formats of a <c>yt-dlp -J</c> document.</summary>
public static class YtDlpFormats
{
    public static List<JsonElement> Of(JsonElement info) =>
        [.. info.GetProperty("formats").EnumerateArray()];

    /// <summary>yt-dlp marks a missing stream with the codec "none"; an unknown one is null.</summary>
    public static bool IsVideoOnly(JsonElement format) =>
        Codec(format, "vcodec") is not "none" && Codec(format, "acodec") is "none";

    public static bool IsAudioOnly(JsonElement format) =>
        Codec(format, "vcodec") is "none" && Codec(format, "acodec") is not "none";

    public static string? Codec(JsonElement format, string name) =>
        format.TryGetProperty(name, out var codec) && codec.ValueKind == JsonValueKind.String
            ? codec.GetString()
            : null;
}
