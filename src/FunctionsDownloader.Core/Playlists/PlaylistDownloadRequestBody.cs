using FunctionsDownloader.Batches;

namespace FunctionsDownloader.Playlists;

/// <summary>
/// The body of <c>POST /api/v1/playlist/download</c>: the playlist's <c>url</c>, the download options, and
/// which entries to take (<c>items</c>, or <c>start</c> and <c>end</c>; all of them when neither is given).
/// </summary>
public sealed class PlaylistDownloadRequestBody : BatchRequestBody
{
    /// <summary>1-based positions and ranges, such as <c>"1-10,15,20-25"</c>.</summary>
    public string? Items { get; init; }

    public int? Start { get; init; }
    public int? End { get; init; }
}

/// <summary>
/// The body of <c>POST /api/v1/channel/download</c>: the channel's <c>url</c>, the download options, and the
/// latest <c>limit</c> videos, optionally only those uploaded from <c>date_after</c> to <c>date_before</c>.
/// </summary>
public sealed class ChannelDownloadRequestBody : BatchRequestBody
{
    public int? Limit { get; init; }
    public string? DateAfter { get; init; }
    public string? DateBefore { get; init; }
}
