namespace FunctionsDownloader.Playlists;

/// <summary>
/// A playlist or channel as <c>yt-dlp -J --flat-playlist</c> lists it, without resolving its entries. Kept
/// briefly in storage, so that paging through a preview and then downloading a selection see one listing.
/// </summary>
public sealed record FlatPlaylist(
    string? Id,
    string? Title,
    string? Uploader,
    string? WebpageUrl,
    string? Thumbnail,
    string? Description,
    IReadOnlyList<FlatEntry> Entries);

/// <summary>
/// One entry of a listing. <see cref="PlaylistIndex"/> is its 1-based position, which <c>items</c>,
/// <c>start</c> and <c>end</c> refer to; <see cref="Url"/> is what yt-dlp hands back for it, fragment and all
/// (it may carry a <c>#__youtubedl_smuggle</c> fragment that yt-dlp needs), or <c>null</c> when it gave none.
/// </summary>
public sealed record FlatEntry(
    int PlaylistIndex,
    string? Id,
    string? Title,
    string? Url,
    double? Duration,
    string? Thumbnail,
    string? Uploader,
    string? UploadDate,
    long? ViewCount);
