namespace FunctionsDownloader.Extraction;

/// <summary>The answer of <c>GET /api/v1/formats</c>.</summary>
public sealed record FormatsResponse
{
    public required string Url { get; init; }
    public required string Title { get; init; }
    public double? Duration { get; init; }
    public string? Thumbnail { get; init; }
    public required FormatGroups Formats { get; init; }

    /// <summary>What a download with the default options takes, as a <c>format_id</c> (<c>800+audio</c>).</summary>
    public string? RecommendedFormat { get; init; }

    /// <summary>The id of the best format with video.</summary>
    public string? BestVideoFormat { get; init; }

    /// <summary>The id of the best audio-only format.</summary>
    public string? BestAudioFormat { get; init; }
}

/// <summary>A site's formats by what they carry, best first.</summary>
public sealed record FormatGroups(
    IReadOnlyList<FormatInfo> Combined,
    IReadOnlyList<FormatInfo> VideoOnly,
    IReadOnlyList<FormatInfo> AudioOnly);
