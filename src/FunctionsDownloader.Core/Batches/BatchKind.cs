namespace FunctionsDownloader.Batches;

/// <summary>What a batch was made from.</summary>
public static class BatchKind
{
    /// <summary>A list of URLs (<c>POST /api/v1/batch/download</c>).</summary>
    public const string Batch = "batch";

    /// <summary>A playlist (<c>POST /api/v1/playlist/download</c>).</summary>
    public const string Playlist = "playlist";

    /// <summary>A channel (<c>POST /api/v1/channel/download</c>).</summary>
    public const string Channel = "channel";
}
