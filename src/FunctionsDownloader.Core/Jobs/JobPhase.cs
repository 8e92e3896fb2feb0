namespace FunctionsDownloader.Jobs;

/// <summary>What a running job is doing right now.</summary>
public static class JobPhase
{
    public const string Queued = "queued";
    public const string Resolving = "resolving";
    public const string Downloading = "downloading";
    public const string Merging = "merging";
    public const string Processing = "processing";
    public const string Uploading = "uploading";
    public const string Finished = "finished";
}
