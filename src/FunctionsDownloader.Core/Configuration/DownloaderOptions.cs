namespace FunctionsDownloader.Configuration;

/// <summary>
/// The service's settings, read from the <c>Downloader</c> section by both hosts
/// (<c>Downloader__RetentionHours</c> and so on in environment variables and app settings).
/// </summary>
public sealed class DownloaderOptions
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string SectionName = "Downloader";

    /// <summary>How long results are kept after completion, in hours (fractions allowed).</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>Comma-separated hosts and CIDR ranges exempt from the private-address block.</summary>
    public string AllowPrivateHosts { get; set; } = "";

    /// <summary>Six-field NCRONTAB expression for the expiry sweep.</summary>
    public string CleanupSchedule { get; set; } = "0 */15 * * * *";

    /// <summary>
    /// Minutes after a job finishes before its orchestration history is purged from the task hub
    /// (the job record keeps the result); a negative value keeps histories.
    /// </summary>
    public double PurgeHistoryAfterMinutes { get; set; } = 5;

    /// <summary>Blob container that holds finished files.</summary>
    public string ResultsContainer { get; set; } = "results";

    /// <summary>Prefix of the service's tables, so several deployments can share one account.</summary>
    public string TablePrefix { get; set; } = "fd";

    /// <summary>Explicit path of yt-dlp; empty to look in the app's tools folder, then PATH.</summary>
    public string YtDlpPath { get; set; } = "";

    /// <summary>Explicit path of ffmpeg; empty to look in the app's tools folder, then PATH.</summary>
    public string FfmpegPath { get; set; } = "";

    /// <summary>Explicit path of ffprobe; empty to look in the app's tools folder, then PATH.</summary>
    public string FfprobePath { get; set; } = "";

    /// <summary>Folder under which each job gets its own working directory; empty for the temp folder.</summary>
    public string WorkRoot { get; set; } = "";

    /// <summary>Largest file a job may produce, in bytes.</summary>
    public long MaxFileSizeBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Free space that must remain on the job disk after a download's expected size, in bytes.</summary>
    public long MinFreeDiskBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How many times a job is tried when it fails for a transient reason (network, timeout).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry, in seconds; it doubles before each later one.</summary>
    public double RetryDelaySeconds { get; set; } = 5;

    /// <summary>Socket timeout passed to yt-dlp, in seconds.</summary>
    public int SocketTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest time a tool may run without showing progress before it is killed, in seconds.</summary>
    public int StallTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// HLS and DASH fragments yt-dlp fetches at once in one download (its <c>--concurrent-fragments</c>,
    /// 1 to 16); 1 fetches them one after the other, as yt-dlp does by default.
    /// </summary>
    public int ConcurrentFragments { get; set; } = 4;

    /// <summary>Minimum interval between two progress writes to a job, in milliseconds.</summary>
    public int ProgressIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Private blob container that holds the callers' cookies files.</summary>
    public string CookiesContainer { get; set; } = "cookies";

    /// <summary>Largest cookies file accepted, in bytes.</summary>
    public long MaxCookiesFileBytes { get; set; } = 256 * 1024;

    /// <summary>Whether tool connections go through the checking egress proxy (turn off only to diagnose).</summary>
    public bool UseEgressProxy { get; set; } = true;

    /// <summary>Ports a media URL may use besides 80 and 443.</summary>
    public string AllowedPorts { get; set; } = "";

    /// <summary>
    /// How long what yt-dlp said about a URL is reused (by formats, metadata and the resolve step of
    /// downloads), in seconds; 0 turns the cache off.
    /// </summary>
    public int ExtractionCacheSeconds { get; set; } = 300;

    /// <summary>Private blob container of the extraction cache.</summary>
    public string ExtractionCacheContainer { get; set; } = "extractions";

    /// <summary>Longest time a formats or metadata request waits for yt-dlp, in seconds.</summary>
    public int ExtractionTimeoutSeconds { get; set; } = 60;

    /// <summary>How many formats or metadata extractions one instance runs at once; more wait their turn.</summary>
    public int MaxConcurrentExtractions { get; set; } = 4;

    /// <summary>The extraction cache's lifetime as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ExtractionCacheLifetime => TimeSpan.FromSeconds(Math.Max(0, ExtractionCacheSeconds));

    /// <summary>The retention as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
