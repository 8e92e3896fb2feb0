namespace FunctionsDownloader.Downloads;

/// <summary>A page of a job's persisted log lines.</summary>
public sealed record LogsResponse(string RequestId, IReadOnlyList<LogEntry> Logs, int TotalCount);

/// <summary>One log line.</summary>
public sealed record LogEntry(DateTimeOffset Timestamp, string Level, string Message);
