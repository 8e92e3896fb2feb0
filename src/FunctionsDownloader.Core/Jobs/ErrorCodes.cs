namespace FunctionsDownloader.Jobs;

/// <summary>Stable codes for failed jobs; callers may switch on them.</summary>
public static class ErrorCodes
{
    public const string UnsupportedUrl = "unsupported_url";
    public const string Unavailable = "unavailable";
    public const string LoginRequired = "login_required";
    public const string GeoBlocked = "geo_blocked";
    public const string Network = "network";
    public const string FileTooLarge = "file_too_large";
    public const string PostprocessingFailed = "postprocessing_failed";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string BlockedAddress = "blocked_address";
    public const string InvalidOutput = "invalid_output";
    public const string LiveNotSupported = "live_not_supported";
    public const string InsufficientStorage = "insufficient_storage";

    /// <summary>The clip starts or ends past the end of the media.</summary>
    public const string ClipOutOfRange = "clip_out_of_range";
    public const string Internal = "internal";
}
