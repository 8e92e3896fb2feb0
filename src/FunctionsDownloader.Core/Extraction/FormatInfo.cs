namespace FunctionsDownloader.Extraction;

/// <summary>
/// One format a site offers, as <c>GET /api/v1/formats</c> lists it. <see cref="Vcodec"/> and
/// <see cref="Acodec"/> are <c>none</c> where yt-dlp knows the stream is missing and <c>null</c> where
/// it does not know the codec. No URLs: they are the site's, often signed, and not the caller's business.
/// </summary>
public sealed record FormatInfo
{
    private const string NoCodec = "none";

    public required string FormatId { get; init; }
    public string? Ext { get; init; }
    public string? Resolution { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public double? Fps { get; init; }
    public string? Vcodec { get; init; }
    public string? Acodec { get; init; }

    /// <summary>The size in bytes, exact or (when the site only estimates it) approximate.</summary>
    public long? Filesize { get; init; }

    /// <summary>The total bit rate in kbit/s.</summary>
    public double? Tbr { get; init; }

    public string? FormatNote { get; init; }
    public string? Protocol { get; init; }

    /// <summary>
    /// Whether the format has no video: yt-dlp 2023 marks HLS audio as <c>vcodec: none</c> with an
    /// unknown <c>acodec</c>.
    /// </summary>
    internal bool IsAudioOnly => Vcodec == NoCodec && Acodec != NoCodec;

    /// <summary>Whether the format has video and no audio.</summary>
    internal bool IsVideoOnly => Acodec == NoCodec && Vcodec != NoCodec;

    /// <summary>Whether the format has neither (storyboards and the like): not media to download.</summary>
    internal bool IsNeither => Acodec == NoCodec && Vcodec == NoCodec;

    /// <summary>Whether the format has video and audio, or codecs yt-dlp does not know (a direct file).</summary>
    internal bool IsCombined => !IsAudioOnly && !IsVideoOnly && !IsNeither;

    /// <summary>Whether the format may carry audio (audio-only or combined).</summary>
    internal bool HasAudio => Acodec != NoCodec;
}
