using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Batches;

/// <summary>
/// What the batch, playlist and channel bodies add to the download options: how many items may run at once
/// and whether the finished files are also packed into one archive.
/// </summary>
public abstract class BatchRequestBody : DownloadRequestBody
{
    /// <summary>Items of the batch downloading at once, 1 to 10.</summary>
    public int? ConcurrentLimit { get; init; }

    /// <summary><c>zip</c> for one archive of every completed file, or absent.</summary>
    public string? Archive { get; init; }
}

/// <summary>The body of <c>POST /api/v1/batch/download</c>: 1 to 100 <c>urls</c> and shared options.</summary>
public sealed class BatchDownloadRequestBody : BatchRequestBody
{
    public List<string>? Urls { get; init; }
}
