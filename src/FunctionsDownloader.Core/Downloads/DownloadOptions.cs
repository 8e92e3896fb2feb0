namespace FunctionsDownloader.Downloads;

/// <summary>
/// Validated download options, as kept with a job. Only values the service has checked end up
/// here; the yt-dlp format selector and flags are built from them by <see cref="Media.FormatPlan"/>.
/// </summary>
public sealed record DownloadOptions
{
    /// <summary>A quality preset: <c>best</c>, <c>2160p</c> … <c>360p</c>, <c>worst</c>.</summary>
    public string Quality { get; init; } = QualityPreset.Best;

    /// <summary>The container of a video result: <c>mp4</c>, <c>webm</c> or <c>mkv</c>.</summary>
    public string VideoFormat { get; init; } = "mp4";

    /// <summary>Whether only the audio is wanted.</summary>
    public bool AudioOnly { get; init; }

    /// <summary>The audio format of an audio-only result.</summary>
    public string AudioFormat { get; init; } = "m4a";

    /// <summary>The id of the caller's cookies file to download with; only the id, never the contents.</summary>
    public string? CookiesId { get; init; }
}
