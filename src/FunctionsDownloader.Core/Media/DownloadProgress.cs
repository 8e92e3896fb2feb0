namespace FunctionsDownloader.Media;

/// <summary>A progress report for a job: phase, one monotonic percent, and transfer figures where known.</summary>
public sealed record DownloadProgress(
    string Phase,
    double Percent,
    long? DownloadedBytes,
    long? TotalBytes,
    double? SpeedBytesPerSecond,
    double? EtaSeconds);
