namespace FunctionsDownloader.Jobs;

/// <summary>The levels a job log line can have.</summary>
public static class JobLogLevel
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
    public const string Debug = "debug";
}
