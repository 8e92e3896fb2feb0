namespace FunctionsDownloader.Extraction;

/// <summary>One chapter of a video: its title and where it starts and ends, in seconds.</summary>
public sealed record ChapterInfo(string? Title, double? StartTime, double? EndTime);
