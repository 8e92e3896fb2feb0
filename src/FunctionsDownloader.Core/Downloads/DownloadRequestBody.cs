using System.Text.Json;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The body of <c>POST /api/v1/download</c>, as sent; checked by <see cref="DownloadRequestValidator"/>. The
/// playlist, channel and batch bodies extend it with their own fields, so every download option is accepted
/// on every route.
/// </summary>
public class DownloadRequestBody
{
    public string? Url { get; init; }
    public string? Quality { get; init; }
    public string? VideoFormat { get; init; }
    public bool? AudioOnly { get; init; }
    public string? AudioFormat { get; init; }
    public string? FormatId { get; init; }
    public IReadOnlyList<string?>? Subtitles { get; init; }
    public bool? EmbedSubtitles { get; init; }
    public bool? EmbedThumbnail { get; init; }
    public bool? EmbedMetadata { get; init; }

    /// <summary>
    /// Seconds (a number) or a time (<c>"1:30"</c>, <c>"00:01:30.500"</c>); read by <see cref="ClipTime"/>.
    /// </summary>
    public JsonElement? StartTime { get; init; }

    /// <inheritdoc cref="StartTime"/>
    public JsonElement? EndTime { get; init; }

    public string? CookiesId { get; init; }
    public string? CallbackUrl { get; init; }
}
