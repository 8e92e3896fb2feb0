namespace FunctionsDownloader.Jobs;

/// <summary>One persisted log line of a job.</summary>
public sealed record JobLogLine(DateTimeOffset Timestamp, string Level, string Message);
