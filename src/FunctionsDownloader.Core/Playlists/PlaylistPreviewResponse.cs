namespace FunctionsDownloader.Playlists;

/// <summary>One page of a playlist or channel as the v1 contract shows it.</summary>
public sealed record PlaylistPreviewResponse
{
    public string? PlaylistId { get; init; }
    public string? PlaylistTitle { get; init; }
    public string? PlaylistUploader { get; init; }
    public required int TotalVideos { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
    public required IReadOnlyList<PlaylistVideo> Videos { get; init; }
    public required string PlaylistUrl { get; init; }
    public string? Thumbnail { get; init; }
    public string? Description { get; init; }
}

/// <summary>One entry of a preview page; <see cref="PlaylistIndex"/> is what <c>items</c> refers to.</summary>
public sealed record PlaylistVideo
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public double? Duration { get; init; }
    public string? Thumbnail { get; init; }
    public string? Uploader { get; init; }
    public string? UploadDate { get; init; }
    public long? ViewCount { get; init; }
    public required int PlaylistIndex { get; init; }
}
