namespace FunctionsDownloader.Batches;

/// <summary>
/// Settings of batch, playlist and channel downloads (section <c>Batches</c>, so <c>Batches__MaxItems</c> and
/// so on). The contract's own bounds (1–100 <c>urls</c>, <c>concurrent_limit</c> 1–10) are not settings.
/// </summary>
public sealed class BatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Batches";

    /// <summary>The most items one playlist or channel download may select.</summary>
    public int MaxItems { get; set; } = 1000;

    /// <summary>The most entries read from a playlist or channel; a preview pages through at most these.</summary>
    public int MaxListingEntries { get; set; } = 5000;

    /// <summary>How long a listing is reused (paging a preview, then downloading from it), in seconds.</summary>
    public int ListingCacheSeconds { get; set; } = 300;

    /// <summary>
    /// Items handed to one page orchestration. A page's history grows with it; the batch's own history grows
    /// with the number of pages.
    /// </summary>
    public int PageSize { get; set; } = 50;

    /// <summary>The <c>concurrent_limit</c> of requests that give none.</summary>
    public int DefaultConcurrentLimit { get; set; } = 3;

    /// <summary>The <c>limit</c> of channel downloads that give none.</summary>
    public int DefaultChannelLimit { get; set; } = 10;

    /// <summary>Largest batch request body, in bytes (a hundred long URLs exceed the single-download cap).</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
